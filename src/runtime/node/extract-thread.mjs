// Entry of an extraction thread (extract-threads.ts). The sources are TypeScript: register tsx in this thread (it is
// not inherited from the parent, whether that registered it by API or by --import), then load them.
import { register } from 'tsx/esm/api';

register();
await import('./extract-thread.ts');
