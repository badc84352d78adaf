import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { parseMultipart } from '@remix-run/multipart-parser/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { ObjectStoreOptions } from '../schemas/index.js';
import {
  createTestWorld,
  type LoopbackServer,
  type RecordedRequest,
  sendJson,
  startLoopbackServer,
  type TestWorld,
} from './loopback-server.testing.js';
import {
  createObjectStoreClient,
  type ObjectStoreClientOptions,
  type StoreObject,
} from './object-store-client.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface FakeStoreOptions {
  batch?: boolean;
  /** Tokens the store accepts. */
  tokens?: Set<string>;
  /** Answer for a batch POST before the normal handling; return true when handled. */
  intercept?: (request: RecordedRequest, response: ServerResponse, attempt: number) => boolean;
  /** Single PUTs of these keys answer 400. */
  refusePut?: (key: string) => boolean;
  /** Per-part status override of a batch operation, by key. */
  partStatus?: (kind: string, key: string) => string | undefined;
}

interface FakeStore {
  server: LoopbackServer;
  objects: Map<string, Buffer>;
  batchParts: { headers: Record<string, string | undefined>; body: Buffer }[][];
}

/** A small object store speaking the API (docs/sentry-api.md, "Object store"), strict about the wire. */
async function startFakeStore(options: FakeStoreOptions = {}): Promise<FakeStore> {
  const objects = new Map<string, Buffer>();
  const batchParts: FakeStore['batchParts'] = [];
  const tokens = options.tokens ?? new Set(['jwt-1']);
  let posts = 0;
  const server = await startLoopbackServer((request, response) => {
    if (request.headers.authorization !== undefined)
      return sendJson(response, 400, { detail: 'sentry token leaked' });
    const auth = String(request.headers['x-os-auth'] ?? '').replace(/^Bearer /, '');
    if (!tokens.has(auth)) return sendJson(response, 401, { detail: 'bad token' });
    const batch = request.url.match(/^\/os\/v1\/objects:batch\/preprod\/org=1;project=2\/$/);
    if (batch && request.method === 'POST') {
      if (options.intercept?.(request, response, ++posts)) return;
      if (options.batch === false) return sendJson(response, 404, { detail: 'Not Found' });
      return answerBatch(request, response);
    }
    const single = request.url.match(/^\/os\/v1\/objects\/preprod\/org=1;project=2\/(1\/2\/[0-9a-f]+)$/);
    if (!single?.[1])
      return sendJson(response, 400, { detail: `unexpected ${request.method} ${request.url}` });
    const key = single[1];
    if (request.method === 'HEAD') {
      response.writeHead(objects.has(key) ? 204 : 404);
      return void response.end();
    }
    if (request.method === 'PUT') {
      if (options.refusePut?.(key)) return sendJson(response, 400, { detail: 'refused' });
      if (request.headers['x-sn-expiration'] !== 'tti:30d')
        return sendJson(response, 400, { detail: 'no policy' });
      objects.set(key, request.body);
      return sendJson(response, 200, { key });
    }
    sendJson(response, 405, { detail: 'method' });
  });
  servers.push(server);

  function answerBatch(request: RecordedRequest, response: ServerResponse) {
    const boundary = String(request.headers['content-type']).match(/boundary=(.+)$/)?.[1] ?? '';
    const parts = [...parseMultipart(request.body, { boundary, maxFileSize: 10_000_000 })].map((part) => ({
      headers: { ...part.headers },
      body: Buffer.from(part.bytes),
    }));
    batchParts.push(parts);
    const answer = parts.map((part, index) => {
      const kind = part.headers['x-sn-batch-operation-kind'] ?? '';
      const key = decodeURIComponent(part.headers['x-sn-batch-operation-key'] ?? '');
      let status = options.partStatus?.(kind, key);
      if (status === undefined && kind === 'head')
        status = objects.has(key) ? '204 No Content' : '404 Not Found';
      if (status === undefined && kind === 'insert') {
        objects.set(key, part.body);
        status = '200 OK';
      }
      return [
        '--ANSWER',
        'Content-Disposition: form-data; name="part"',
        `x-sn-batch-operation-index: ${index}`,
        `x-sn-batch-operation-status: ${status}`,
        '',
        '',
        '',
      ].join('\r\n');
    });
    response.writeHead(200, { 'content-type': 'multipart/form-data; boundary=ANSWER' });
    response.end(`${answer.join('')}--ANSWER--\r\n`);
  }

  return { server, objects, batchParts };
}

function optionsFor(store: FakeStore, authToken = 'jwt-1'): ObjectStoreOptions {
  return {
    url: `${store.server.url}/os`,
    usecase: 'preprod',
    scopes: [
      ['org', '1'],
      ['project', '2'],
    ],
    authToken,
    expirationPolicy: 'tti:30d',
  };
}

function clientFor(
  store: FakeStore,
  overrides: Partial<ObjectStoreClientOptions> = {},
  world: TestWorld = createTestWorld(),
) {
  const client = createObjectStoreClient(
    { options: optionsFor(store), refresh: async () => optionsFor(store), maxRetries: 2, ...overrides },
    world,
  );
  return { client, world };
}

function objectOf(content: string | Buffer): StoreObject {
  const bytes = Buffer.from(content);
  return {
    hash: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.byteLength,
    read: async () => bytes,
  };
}

const small = ['alpha', 'beta', 'gamma'].map(objectOf);
const large = objectOf(Buffer.alloc(1024 * 1024 + 1, 7));

describe('createObjectStoreClient', () => {
  it('checks in a batch, stores small objects in a batch and large ones alone, then finds them all', async () => {
    const store = await startFakeStore();
    const { client } = clientFor(store, {
      headers: { 'x-team': 'web', Authorization: 'Bearer sntrys_secret' },
    });
    const hashes = [...small, large].map((object) => object.hash);

    expect(client.objectKey(large.hash)).toBe(`1/2/${large.hash}`);
    const checks: number[] = [];
    expect(await client.findMissing(hashes, (done) => checks.push(done))).toEqual(new Set(hashes));
    expect(checks).toEqual([1, 2, 3, 4]);

    const progress: [number, number, number][] = [];
    const result = await client.store([...small, large], (...event) => progress.push(event));
    const totalBytes = [...small, large].reduce((sum, object) => sum + object.size, 0);
    expect(result).toEqual({ stored: 4, bytesSent: totalBytes });
    expect(progress.at(-1)).toEqual([4, 4, totalBytes]);
    expect(store.objects.get(`1/2/${large.hash}`)?.equals(Buffer.alloc(1024 * 1024 + 1, 7))).toBe(true);
    expect(store.objects.get(`1/2/${small[0]?.hash}`)?.toString()).toBe('alpha');

    expect(await client.findMissing(hashes)).toEqual(new Set());

    const [heads, inserts] = store.batchParts;
    expect(heads?.[0]?.headers).toEqual({
      'content-disposition': 'form-data; name="part"',
      'x-sn-batch-operation-kind': 'head',
      'x-sn-batch-operation-key': `1%2F2%2F${small[0]?.hash}`,
    });
    expect(inserts?.map((part) => part.headers['x-sn-batch-operation-kind'])).toEqual([
      'insert',
      'insert',
      'insert',
    ]);
    expect(inserts?.[1]?.headers).toMatchObject({
      'x-sn-expiration': 'tti:30d',
      'content-type': 'application/octet-stream',
    });
    const put = store.server.requests.find((request) => request.method === 'PUT');
    expect(put?.url).toBe(`/os/v1/objects/preprod/org=1;project=2/1/2/${large.hash}`);
    expect(put?.headers).toMatchObject({
      'x-os-auth': 'Bearer jwt-1',
      'x-team': 'web',
      'content-type': 'application/octet-stream',
    });
    expect(store.server.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
    expect(client.stats.requests).toBe(store.server.requests.length);
    expect(client.stats.bytesSent).toBeGreaterThan(totalBytes);
  });

  it('falls back to single HEADs and PUTs when the store has no batch endpoint, and remembers', async () => {
    const store = await startFakeStore({ batch: false });
    const { client } = clientFor(store);
    const hashes = small.map((object) => object.hash);

    expect(await client.findMissing(hashes)).toEqual(new Set(hashes));
    await client.store(small);
    expect(await client.findMissing(hashes)).toEqual(new Set());

    const posts = store.server.requests.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(store.server.requests.filter((request) => request.method === 'PUT')).toHaveLength(3);
    expect(store.objects.size).toBe(3);
  });

  it('counts a failed check as missing and stores a failed insert again on its own', async () => {
    const [first, second] = small;
    const store = await startFakeStore({
      partStatus: (kind, key) =>
        key.endsWith(first?.hash ?? '')
          ? kind === 'head'
            ? '500 Internal Server Error'
            : '503 Service Unavailable'
          : undefined,
    });
    const { client } = clientFor(store);
    await client.store([second as StoreObject]);

    expect(await client.findMissing([first?.hash ?? '', second?.hash ?? ''])).toEqual(new Set([first?.hash]));
    expect(await client.store([first as StoreObject])).toEqual({ stored: 1, bytesSent: first?.size });
    expect(store.objects.get(`1/2/${first?.hash}`)?.toString()).toBe('alpha');
    expect(store.server.requests.at(-1)?.method).toBe('PUT');
  });

  it('with failuresThrow, a check that fails is an error, not a missing object', async () => {
    const [first, second] = small;
    const store = await startFakeStore({
      partStatus: (kind, key) =>
        kind === 'head' && key.endsWith(first?.hash ?? '') ? '500 Internal Server Error' : undefined,
    });
    const { client } = clientFor(store);
    await client.store([second as StoreObject]);
    const hashes = [first?.hash ?? '', second?.hash ?? ''];
    await expect(client.findMissing(hashes, undefined, { failuresThrow: true })).rejects.toMatchObject({
      code: 'OBJECT_STORE_ERROR',
      message: `The object store could not say whether object ${first?.hash} exists (500).`,
    });
    expect(await client.findMissing([second?.hash ?? ''], undefined, { failuresThrow: true })).toEqual(
      new Set(),
    );

    const single = await startFakeStore({ batch: false });
    const { client: oneByOne } = clientFor(single);
    // A 404 is an answer: absent. Only a failure to answer is an error.
    expect(await oneByOne.findMissing(hashes, undefined, { failuresThrow: true })).toEqual(new Set(hashes));
  });

  it('resends a whole batch after a 503, streaming its bytes again', async () => {
    const store = await startFakeStore({
      intercept: (_request, response, attempt) => {
        if (attempt !== 1) return false;
        sendJson(response, 503, { detail: 'busy' });
        return true;
      },
    });
    const { client, world } = clientFor(store);

    await client.store(small);
    const posts = store.server.requests.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body.equals(posts[0]?.body ?? Buffer.alloc(0))).toBe(true);
    expect(posts[1]?.body.includes('gamma')).toBe(true);
    expect(world.clock.sleeps).toHaveLength(1);
    expect(store.objects.size).toBe(3);
  });

  it('refuses a batch answer of another multipart type: checks read as missing, stores fail', async () => {
    const store = await startFakeStore({
      intercept: (_request, response) => {
        response.writeHead(200, { 'content-type': 'multipart/mixed; boundary=X' });
        response.end('--X--\r\n');
        return true;
      },
    });
    const { client } = clientFor(store);

    expect(await client.findMissing([small[0]?.hash ?? ''])).toEqual(new Set([small[0]?.hash]));
    await expect(client.store(small)).rejects.toMatchObject({ code: 'OBJECT_STORE_ERROR' });
  });

  it('treats a check whose connection keeps breaking as missing', async () => {
    const store = await startFakeStore();
    store.server.server.prependListener('request', (incoming) => {
      if (incoming.method === 'HEAD') incoming.socket.destroy();
    });
    const { client, world } = clientFor(store, { batch: false });

    expect(await client.findMissing([small[0]?.hash ?? ''])).toEqual(new Set([small[0]?.hash]));
    expect(world.clock.sleeps).toHaveLength(2);
  });

  it('renews the token once after a 401 and goes on with the new one', async () => {
    const tokens = new Set(['jwt-2']);
    const store = await startFakeStore({ tokens });
    let refreshes = 0;
    const { client } = clientFor(store, {
      options: { ...optionsFor(store), authToken: 'jwt-1' },
      refresh: async () => optionsFor(store, `jwt-${++refreshes + 1}`),
    });

    await client.store(small);
    expect(refreshes).toBe(1);
    expect(store.objects.size).toBe(3);
    expect(store.server.requests.map((request) => request.headers['x-os-auth'])).toEqual([
      'Bearer jwt-1',
      'Bearer jwt-2',
    ]);
  });

  it('reports OBJECT_STORE_UNAUTHORIZED when even a fresh token is refused', async () => {
    const store = await startFakeStore({ tokens: new Set() });
    let refreshes = 0;
    const { client } = clientFor(store, {
      refresh: async () => {
        refreshes++;
        return optionsFor(store, 'jwt-9');
      },
    });

    await expect(client.findMissing([small[0]?.hash ?? ''])).rejects.toMatchObject({
      code: 'OBJECT_STORE_UNAUTHORIZED',
    });
    expect(refreshes).toBe(1);
    await expect(client.store(small)).rejects.toMatchObject({ code: 'OBJECT_STORE_UNAUTHORIZED' });
    expect(refreshes).toBe(2);
  });

  it('renews the token before its hour ends', async () => {
    const store = await startFakeStore({ tokens: new Set(['jwt-1', 'jwt-2']) });
    const world = createTestWorld();
    const { client } = clientFor(store, { refresh: async () => optionsFor(store, 'jwt-2') }, world);

    await client.findMissing([small[0]?.hash ?? '']);
    await world.clock.sleep(56 * 60 * 1000);
    await client.findMissing([small[0]?.hash ?? '']);
    expect(store.server.requests.map((request) => request.headers['x-os-auth'])).toEqual([
      'Bearer jwt-1',
      'Bearer jwt-2',
    ]);
  });

  it('reports a refused PUT as OBJECT_STORE_ERROR with the detail', async () => {
    const store = await startFakeStore();
    const { client } = clientFor(store, {
      options: { ...optionsFor(store), expirationPolicy: null },
    });

    const error = await client.store([large]).catch((reason: unknown) => reason);
    expect(error).toMatchObject({
      code: 'OBJECT_STORE_ERROR',
      status: 400,
      details: { detail: 'no policy' },
    });
  });

  it('stops the rest of a call once one part of it fails', async () => {
    const refused = objectOf('refused');
    const store = await startFakeStore({ batch: false, refusePut: (key) => key.endsWith(refused.hash) });
    const { client } = clientFor(store, { batch: false, concurrency: 1 });

    await expect(client.store([refused, ...small])).rejects.toMatchObject({ code: 'OBJECT_STORE_ERROR' });
    // The slots are served in order, so this store runs after what the failed one left queued.
    const later = objectOf('later');
    await client.store([later]);
    expect(
      store.server.requests.filter((request) => request.method === 'PUT').map((request) => request.url),
    ).toEqual([expect.stringContaining(refused.hash), expect.stringContaining(later.hash)]);
  });

  it('stores the objects of a batch one by one when the store finds the batch too large', async () => {
    const store = await startFakeStore({
      intercept: (_request, response) => {
        sendJson(response, 413, { detail: 'batch too large' });
        return true;
      },
    });
    const { client } = clientFor(store);

    expect(await client.store(small)).toMatchObject({ stored: 3 });
    expect(store.objects.size).toBe(3);
    expect(store.server.requests.map((request) => request.method)).toEqual(['POST', 'PUT', 'PUT', 'PUT']);
  });
});
