import type { Dispatcher } from 'undici';
import api from 'undici/lib/api/index.js';
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';

/*
 * The parts of undici an upload uses, loaded on their own: the whole package (fetch, WebSocket,
 * caches, mocks, and Node's own copy of undici, which it wakes) takes several times as long to load
 * (start-up is measured in the bench, bench/results/latest.md, "Start-up"). The version is pinned,
 * as these paths are not its public API.
 */

// What undici's index.js does on load: every dispatcher gets the request methods (a proxy's
// tunnel calls `connect` on its client).
Object.assign(DispatcherBase.prototype, api);

export { EnvHttpProxyAgent };

/** undici's `request(url, options)` for an explicit dispatcher, which may come from any undici 7. */
export function request(
  url: string,
  options: Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher },
): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  const { origin, pathname, search } = new URL(url);
  return api.request.call(dispatcher, { ...rest, origin, path: pathname + search });
}
