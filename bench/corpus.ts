export * from '../testkit/corpus.ts';
export { median, quantile } from '../testkit/stats.ts';
