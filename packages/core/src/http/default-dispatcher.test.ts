import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDefaultDispatcher } from './default-dispatcher.js';
import { startLoopbackProxy } from './loopback-proxy.testing.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from './loopback-server.testing.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const target: LoopbackServer = await startLoopbackServer((_request, response) =>
    sendJson(response, 200, { ok: true }),
  );
  const proxy = await startLoopbackProxy();
  cleanups.push(
    () => target.close(),
    () => proxy.close(),
  );
  return { target, proxy, targetHost: new URL(target.url).host };
}

async function get(url: string, env: Record<string, string>): Promise<unknown> {
  const dispatcher = createDefaultDispatcher(env);
  cleanups.push(() => dispatcher.destroy());
  const response = await request(`${url}/ping`, { dispatcher });
  return response.body.json();
}

describe('createDefaultDispatcher', () => {
  it('sends through HTTP_PROXY from the given env', async () => {
    const { target, proxy, targetHost } = await setup();
    expect(await get(target.url, { HTTP_PROXY: proxy.url })).toEqual({ ok: true });
    expect(proxy.seen).toEqual([targetHost]);
  });

  it('prefers the lower-case variable', async () => {
    const { target, proxy, targetHost } = await setup();
    expect(await get(target.url, { http_proxy: proxy.url, HTTP_PROXY: 'http://127.0.0.1:9' })).toEqual({
      ok: true,
    });
    expect(proxy.seen).toEqual([targetHost]);
  });

  it('goes direct to hosts in NO_PROXY', async () => {
    const { target, proxy } = await setup();
    expect(await get(target.url, { HTTP_PROXY: proxy.url, no_proxy: 'example.com, 127.0.0.1' })).toEqual({
      ok: true,
    });
    expect(proxy.seen).toEqual([]);
    expect(target.requests).toHaveLength(1);
  });

  it('never reads the proxy from process.env', async () => {
    const { target, proxy } = await setup();
    vi.stubEnv('HTTP_PROXY', proxy.url);
    vi.stubEnv('http_proxy', proxy.url);
    expect(await get(target.url, {})).toEqual({ ok: true });
    expect(proxy.seen).toEqual([]);
  });
});
