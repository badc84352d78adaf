import type { Dispatcher } from 'undici';
import type { Env } from '../world.js';
import { EnvHttpProxyAgent } from './undici-parts.js';

export interface DefaultDispatcherOptions {
  /** How long opening a connection (TCP and TLS) may take. */
  connectTimeoutMs?: number;
  /**
   * The proxy for every request when the env names none (sentry-cli's `[http] proxy_url`). May
   * carry credentials (`http://user:password@proxy:3128`), sent as `Proxy-Authorization`.
   */
  proxyUrl?: string;
  /** `false` accepts any TLS certificate (sentry-cli's `[http] verify_ssl = false`). */
  verifyTls?: boolean;
  /** `false` opens a connection per request (sentry-cli's `[http] keepalive = false`). */
  keepAlive?: boolean;
}

export interface ProxyChoice {
  httpProxy?: string | undefined;
  httpsProxy?: string | undefined;
  noProxy?: string | undefined;
}

/**
 * The proxies the default dispatcher takes: `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` from the
 * env (lower case first, as curl does), then `proxyUrl` for both schemes.
 */
export function chooseProxies(env: Env, proxyUrl?: string): ProxyChoice {
  return {
    httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? proxyUrl,
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? proxyUrl,
    noProxy: env.no_proxy ?? env.NO_PROXY,
  };
}

/**
 * A dispatcher that goes through the proxies `chooseProxies` names. Every value is passed
 * explicitly, `''` when unset, so undici never falls back to `process.env`.
 */
export function createDefaultDispatcher(env: Env, options: DefaultDispatcherOptions = {}): Dispatcher {
  const insecure = options.verifyTls === false ? { rejectUnauthorized: false } : {};
  const timeout = options.connectTimeoutMs === undefined ? {} : { timeout: options.connectTimeoutMs };
  const { httpProxy, httpsProxy, noProxy } = chooseProxies(env, options.proxyUrl);
  return new EnvHttpProxyAgent({
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? '',
    noProxy: noProxy ?? '',
    connect: { ...timeout, ...insecure },
    // Through a proxy, the target's TLS and the proxy's own are set apart from `connect`.
    requestTls: insecure,
    proxyTls: insecure,
    // undici's way to keep no connection open between requests.
    ...(options.keepAlive === false ? { pipelining: 0 } : {}),
  });
}
