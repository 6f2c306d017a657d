/** The WebSub hubs, split into own-hub.ts, external-hub.ts, delivery.ts, tasks.ts and types.ts. */
export { createHub, DEFAULT_HUB_LIMITS, DEFAULT_LEASE, MAX_SECRET_BYTES, type HubLimits, type HubOptions, type LeasePolicy, type TopicContent } from './own-hub.ts';
export { externalHub, type ExternalHubOptions } from './external-hub.ts';
export { DEFAULT_RETRY_DELAYS_MS } from './delivery.ts';
export { FORMATS, type WebSub } from './types.ts';
