import { startLoopbackProxy } from '@sentry-snapshots/test-kit/loopback-proxy';
import { startSelfSignedServer } from '@sentry-snapshots/test-kit/self-signed-server';
import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDefaultDispatcher, type DefaultDispatcherOptions } from './default-dispatcher.js';
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

describe('createDefaultDispatcher with a malformed proxy', () => {
  it.each([
    [{ HTTP_PROXY: 'not a url' }, undefined, 'HTTP_PROXY'],
    [{ HTTP_PROXY: 'http://[bad' }, undefined, 'HTTP_PROXY'],
    [{ http_proxy: 'proxy.example.com:3128', HTTP_PROXY: 'http://fine:1' }, undefined, 'http_proxy'],
    [{ HTTPS_PROXY: 'socks5://proxy:1080' }, undefined, 'HTTPS_PROXY'],
    [{ https_proxy: 'http://user:secret@[bad' }, undefined, 'https_proxy'],
    [{}, 'not a url', '[http] proxy_url'],
  ])('refuses %j (proxyUrl %j) as a configuration error naming %s', (env, proxyUrl, name) => {
    let error: unknown;
    try {
      createDefaultDispatcher(env, proxyUrl === undefined ? {} : { proxyUrl });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG_VALUE',
      message: `${name} is not an http(s) proxy URL.`,
    });
    // The value may hold a password: it is never shown.
    expect(JSON.stringify(error)).not.toContain('secret');
  });
});

describe('createDefaultDispatcher with sentry-cli [http] settings', () => {
  const getWith = async (url: string, env: Record<string, string>, options: DefaultDispatcherOptions) => {
    const dispatcher = createDefaultDispatcher(env, options);
    cleanups.push(() => dispatcher.destroy());
    const response = await request(`${url}/ping`, { dispatcher });
    return response.body.json();
  };

  it('sends through proxyUrl when the env names no proxy, with its credentials', async () => {
    const { target, proxy, targetHost } = await setup();
    const proxyUrl = proxy.url.replace('http://', 'http://ci%20bot:s%3Acret@');
    expect(await getWith(target.url, {}, { proxyUrl })).toEqual({ ok: true });
    expect(proxy.seen).toEqual([targetHost]);
    expect(proxy.authorizations).toEqual([`Basic ${Buffer.from('ci bot:s:cret').toString('base64')}`]);
  });

  it('lets the env proxy win over proxyUrl', async () => {
    const { target, proxy } = await setup();
    const other = await startLoopbackProxy();
    cleanups.push(() => other.close());
    expect(await getWith(target.url, { HTTP_PROXY: proxy.url }, { proxyUrl: other.url })).toEqual({
      ok: true,
    });
    expect(proxy.seen).toHaveLength(1);
    expect(other.seen).toEqual([]);
  });

  it('refuses a self-signed certificate unless verifyTls is false, directly and through a proxy', async () => {
    const server = await startSelfSignedServer((_request, response) =>
      sendJson(response, 200, { tls: true }),
    );
    cleanups.push(() => server.close());
    await expect(getWith(server.url, {}, {})).rejects.toThrow(/self[- ]signed/i);
    expect(await getWith(server.url, {}, { verifyTls: false })).toEqual({ tls: true });
    const proxy = await startLoopbackProxy();
    cleanups.push(() => proxy.close());
    await expect(getWith(server.url, { HTTPS_PROXY: proxy.url }, {})).rejects.toThrow(/self[- ]signed/i);
    expect(await getWith(server.url, { HTTPS_PROXY: proxy.url }, { verifyTls: false })).toEqual({
      tls: true,
    });
  });

  it('opens a connection per request when keepAlive is false', async () => {
    const server = await startSelfSignedServer((_request, response) => sendJson(response, 200, { ok: true }));
    cleanups.push(() => server.close());
    for (const keepAlive of [true, false]) {
      const dispatcher = createDefaultDispatcher({}, { verifyTls: false, keepAlive });
      cleanups.push(() => dispatcher.destroy());
      const before = server.connections;
      for (let i = 0; i < 5; i += 1) await (await request(`${server.url}/ping`, { dispatcher })).body.json();
      // Kept alive, the second request may still find the first one's socket finishing its answer.
      if (keepAlive) expect(server.connections - before).toBeLessThanOrEqual(2);
      else expect(server.connections - before).toBe(5);
    }
  });
});
