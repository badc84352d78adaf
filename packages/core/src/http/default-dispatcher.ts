import type { Dispatcher } from 'undici';
import type { Env } from '../world.js';
import { EnvHttpProxyAgent } from './undici-parts.js';

export interface DefaultDispatcherOptions {
  /** How long opening a connection (TCP and TLS) may take. */
  connectTimeoutMs?: number;
}

/**
 * A dispatcher that honours `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (lower case first, as curl
 * does) from the given env. Every value is passed explicitly, `''` when unset, so undici never
 * falls back to `process.env`.
 */
export function createDefaultDispatcher(env: Env, options: DefaultDispatcherOptions = {}): Dispatcher {
  return new EnvHttpProxyAgent({
    httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
    ...(options.connectTimeoutMs === undefined ? {} : { connect: { timeout: options.connectTimeoutMs } }),
  });
}
