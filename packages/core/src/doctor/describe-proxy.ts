import { chooseProxies } from '../http/default-dispatcher.js';
import type { Env } from '../world.js';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
  /** The proxy that requests to the given URL go through, or null when they go direct. */
  forUrl: string | null;
}

/**
 * The proxies the default dispatcher takes (`chooseProxies`), with passwords hidden, and which one
 * a request to `url` would go through.
 */
export function describeProxy(env: Env, url: string, proxyUrl?: string): ProxySettings {
  const { httpProxy, httpsProxy, noProxy } = chooseProxies(env, proxyUrl);
  let target: URL | undefined;
  try {
    target = new URL(url);
  } catch {
    target = undefined;
  }
  const candidate = target?.protocol === 'https:' ? httpsProxy : httpProxy;
  const bypassed = target === undefined || isBypassed(target, noProxy ?? '');
  const settings: ProxySettings = { forUrl: candidate && !bypassed ? hidePassword(candidate) : null };
  if (httpProxy) settings.httpProxy = hidePassword(httpProxy);
  if (httpsProxy) settings.httpsProxy = hidePassword(httpsProxy);
  if (noProxy) settings.noProxy = noProxy;
  return settings;
}

// NO_PROXY entries: `*`, a host (also matching its subdomains), `.suffix` or `*.suffix`, each with an optional `:port`.
function isBypassed(target: URL, noProxy: string): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const match = /^(.*?)(?::(\d+))?$/.exec(entry);
    const name = (match?.[1] ?? entry).replace(/^\*?\./, '');
    if (match?.[2] !== undefined && match[2] !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

function hidePassword(proxy: string): string {
  try {
    const parsed = new URL(proxy);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return proxy;
  }
}
