export * from '../../../testkit/workerd.ts';
