export { createDefaultDispatcher, type DefaultDispatcherOptions } from './default-dispatcher.js';
export { DEFAULT_HTTP_TIMEOUT_MS, resolveHttpTimeoutMs } from './http-timeouts.js';
export {
  createObjectStoreClient,
  type ObjectStoreClient,
  type ObjectStoreClientOptions,
  type StoreObject,
} from './object-store-client.js';
export type { HttpStats } from './send-request.js';
export {
  createSentryClient,
  type LatestBaseQuery,
  type SentryClient,
  type SentryClientOptions,
} from './sentry-client.js';
export { detectZstd, type ZstdCompress } from './zstd-compress.js';
