import type { Dispatcher } from 'undici';
import { SnapshotsError } from '../errors.js';
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
  /** Where each proxy came from, for messages: a variable's name, or `[http] proxy_url`. */
  httpProxyFrom?: string | undefined;
  httpsProxyFrom?: string | undefined;
}

const PROXY_URL_SETTING = '[http] proxy_url';

/**
 * The proxies the default dispatcher takes: `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` from the
 * env (lower case first, as curl does), then `proxyUrl` for both schemes.
 */
export function chooseProxies(env: Env, proxyUrl?: string): ProxyChoice {
  const httpProxyFrom = firstSet(env, ['http_proxy', 'HTTP_PROXY']);
  const httpsProxyFrom = firstSet(env, ['https_proxy', 'HTTPS_PROXY']);
  const fallbackFrom = proxyUrl === undefined ? undefined : PROXY_URL_SETTING;
  return {
    httpProxy: httpProxyFrom === undefined ? proxyUrl : env[httpProxyFrom],
    httpsProxy: httpsProxyFrom === undefined ? proxyUrl : env[httpsProxyFrom],
    noProxy: env.no_proxy ?? env.NO_PROXY,
    httpProxyFrom: httpProxyFrom ?? fallbackFrom,
    httpsProxyFrom: httpsProxyFrom ?? fallbackFrom,
  };
}

function firstSet(env: Env, names: string[]): string | undefined {
  return names.find((name) => env[name] !== undefined);
}

/**
 * Refuses a proxy that is not an http(s) URL, which undici would only fail on as an unexpected
 * error. The value is not shown: it may hold a password.
 */
function checkProxy(proxy: string | undefined, from: string | undefined): void {
  if (!proxy) return;
  const url = URL.parse(proxy);
  if (url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return;
  throw new SnapshotsError('INVALID_CONFIG_VALUE', `${from ?? 'The proxy'} is not an http(s) proxy URL.`, {
    details: { setting: from },
    hint: `Set ${from ?? 'the proxy'} to a URL such as http://proxy.example.com:3128, or unset it.`,
  });
}

/**
 * A dispatcher that goes through the proxies `chooseProxies` names. Every value is passed
 * explicitly, `''` when unset, so undici never falls back to `process.env`.
 */
export function createDefaultDispatcher(env: Env, options: DefaultDispatcherOptions = {}): Dispatcher {
  const insecure = options.verifyTls === false ? { rejectUnauthorized: false } : {};
  const timeout = options.connectTimeoutMs === undefined ? {} : { timeout: options.connectTimeoutMs };
  const { httpProxy, httpsProxy, noProxy, httpProxyFrom, httpsProxyFrom } = chooseProxies(
    env,
    options.proxyUrl,
  );
  checkProxy(httpProxy, httpProxyFrom);
  checkProxy(httpsProxy, httpsProxyFrom);
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
