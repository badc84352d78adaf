import { createHash, randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { parseMultipart } from '@remix-run/multipart-parser/node';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { encodeMultipart, type MultipartPartOut } from '../src/multipart-body.js';
import { contentHash, useEmulator } from './emulator-fixture.js';
import { objectStoreAccess } from './upload-snapshot.js';
import { encodeZstdFrame } from './zstd-frame.js';

interface Store {
  base: string;
  objects: string;
  batch: string;
  token: string;
}

async function openStore(emulator: Emulator, project = 'web'): Promise<Store> {
  const { url, usecase, scope, keyPrefix, authToken } = await objectStoreAccess(emulator, project);
  return {
    base: keyPrefix.slice(0, -1),
    objects: `${url}/v1/objects/${usecase}/${scope}`,
    batch: `${url}/v1/objects:batch/${usecase}/${scope}/`,
    token: authToken,
  };
}

const auth = (token: string) => ({ 'x-os-auth': `Bearer ${token}` });

async function runBatch(store: Store, parts: MultipartPartOut[], token = store.token) {
  const boundary = 'test-boundary-0123';
  const response = await fetch(store.batch, {
    method: 'POST',
    headers: { ...auth(token), 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: encodeMultipart(parts, boundary),
  });
  const body = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const answerBoundary = /boundary=(.+)$/.exec(type)?.[1];
  const answers = answerBoundary
    ? [...parseMultipart(body, { boundary: answerBoundary })].map((part) => ({
        name: part.name,
        index: part.headers['x-sn-batch-operation-index'],
        status: part.headers['x-sn-batch-operation-status'],
        bytes: Buffer.from(part.bytes),
      }))
    : [];
  return {
    status: response.status,
    type,
    answers,
    json: answerBoundary ? undefined : JSON.parse(body.toString()),
  };
}

const operation = (kind: string, key: string, body?: Uint8Array, headers: Record<string, string> = {}) => ({
  headers: {
    'x-sn-batch-operation-kind': kind,
    'x-sn-batch-operation-key': encodeURIComponent(key),
    ...(body ? { 'content-type': 'application/octet-stream', 'x-sn-expiration': 'tti:30d' } : {}),
    ...headers,
  },
  ...(body ? { body } : {}),
});

describe('object store: single objects', () => {
  it('HEAD 404, PUT 200 {key}, HEAD 204, GET the bytes, DELETE', async () => {
    const emulator = await useEmulator();
    const store = await openStore(emulator);
    const key = `${store.base}/${contentHash('c')}`;
    const url = `${store.objects}/${key}`;
    expect((await fetch(url, { method: 'HEAD', headers: auth(store.token) })).status).toBe(404);
    const bytes = Buffer.from('hello image');
    const put = await fetch(url, {
      method: 'PUT',
      headers: {
        ...auth(store.token),
        'content-type': 'application/octet-stream',
        'x-sn-expiration': 'tti:30d',
      },
      body: bytes,
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ key });
    expect((await fetch(url, { method: 'HEAD', headers: auth(store.token) })).status).toBe(204);
    const get = await fetch(url, { headers: auth(store.token) });
    expect(Buffer.from(await get.arrayBuffer())).toEqual(bytes);
    expect(emulator.stats.objectsStored).toBe(1);
    expect(emulator.stats.requests).toMatchObject({ 'HEAD object': 2, 'PUT object': 1, 'GET object': 1 });
    expect(emulator.stats.bytesReceived).toBe(bytes.length);
    expect((await fetch(url, { method: 'DELETE', headers: auth(store.token) })).status).toBe(204);
    expect((await fetch(url, { method: 'HEAD', headers: auth(store.token) })).status).toBe(404);
  });

  it('decodes a zstd PUT and rejects other encodings and bad zstd with the store error shape', async () => {
    const emulator = await useEmulator();
    const store = await openStore(emulator);
    const url = `${store.objects}/${store.base}/${contentHash('d')}`;
    const original = Buffer.alloc(300_000, 7);
    const put = (body: Uint8Array, encoding: string) =>
      fetch(url, { method: 'PUT', headers: { ...auth(store.token), 'content-encoding': encoding }, body });
    expect((await put(encodeZstdFrame(original), 'zstd')).status).toBe(200);
    expect(Buffer.from(await (await fetch(url, { headers: auth(store.token) })).arrayBuffer())).toEqual(
      original,
    );
    const gzip = await put(original, 'gzip');
    expect(gzip.status).toBe(400);
    expect(await gzip.json()).toEqual({ detail: 'Unsupported Content-Encoding', causes: [] });
    const broken = await put(Buffer.from('not zstd'), 'zstd');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ detail: 'Invalid zstd payload', causes: [] });
  });

  it('400 for an expiration policy the store cannot read, on a PUT and on a batch insert', async () => {
    const emulator = await useEmulator();
    const store = await openStore(emulator);
    const key = `${store.base}/${contentHash('9')}`;
    const put = await fetch(`${store.objects}/${key}`, {
      method: 'PUT',
      headers: { ...auth(store.token), 'x-sn-expiration': 'forever' },
      body: Buffer.from('x'),
    });
    expect(put.status).toBe(400);
    expect(await put.json()).toMatchObject({ detail: 'Invalid expiration policy' });
    const batch = await runBatch(store, [
      operation('insert', key, Buffer.from('x'), { 'x-sn-expiration': 'forever' }),
      operation('insert', key, Buffer.from('x'), { 'x-sn-expiration': 'tti:30days' }),
    ]);
    expect(batch.answers.map(({ status }) => status)).toEqual(['400 Bad Request', '200 OK']);
  });

  it('401 without a JWT, with the Sentry token, with a revoked or expired JWT; 403 for another scope', async () => {
    const emulator = await useEmulator();
    const store = await openStore(emulator);
    const url = `${store.objects}/${store.base}/${contentHash('e')}`;
    const get = (headers: Record<string, string>) => fetch(url, { headers });
    const missing = await get({});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ detail: expect.any(String), causes: expect.any(Array) });
    expect((await get(auth(emulator.token))).status).toBe(401);

    const other = await openStore(emulator, 'ios');
    expect((await get(auth(other.token))).status).toBe(403);
    const elsewhere = url.replace('/organizations/1/objectstore/', '/organizations/2/objectstore/');
    expect((await fetch(elsewhere, { headers: auth(store.token) })).status).toBe(403);

    await emulator.revokeObjectStoreTokens();
    expect((await get(auth(store.token))).status).toBe(401);
    const fresh = await openStore(emulator);
    expect((await get(auth(fresh.token))).status).toBe(404);

    const expiring = await useEmulator({ objectStoreTokenTtlSeconds: 0 });
    const expired = await openStore(expiring);
    const answer = await fetch(`${expired.objects}/${expired.base}/${contentHash('e')}`, {
      headers: auth(expired.token),
    });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({ detail: 'Token expired', causes: [] });
  });

  it('asks for no JWT when upload-options handed out a null token', async () => {
    const emulator = await useEmulator({ compat: { nullAuthToken: true } });
    const store = await openStore(emulator);
    const head = await fetch(`${store.objects}/${store.base}/${contentHash('f')}`, { method: 'HEAD' });
    expect(head.status).toBe(404);
  });
});

describe('object store: batch', () => {
  it('runs head, insert (plain and zstd), get and delete, answering multipart/form-data in order', async () => {
    const emulator = await useEmulator();
    const store = await openStore(emulator);
    const a = `${store.base}/${contentHash('a')}`;
    const b = `${store.base}/${contentHash('b')}`;
    const bytesA = Buffer.from('image a');
    const bytesB = Buffer.from('image b, sent compressed');
    const first = await runBatch(store, [
      operation('head', a),
      operation('insert', a, bytesA),
      operation('insert', b, encodeZstdFrame(bytesB), { 'content-encoding': 'zstd' }),
    ]);
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(first.answers.map(({ name, index, status }) => [name, index, status])).toEqual([
      ['part', '0', '404 Not Found'],
      ['part', '1', '200 OK'],
      ['part', '2', '200 OK'],
    ]);
    const second = await runBatch(store, [
      operation('head', a),
      operation('get', b),
      operation('delete', b),
      operation('head', b),
      operation('frobnicate', a),
    ]);
    expect(second.answers.map(({ status }) => status)).toEqual([
      '204 No Content',
      '200 OK',
      '204 No Content',
      '404 Not Found',
      '400 Bad Request',
    ]);
    expect(second.answers[1]?.bytes).toEqual(bytesB);
    expect(emulator.stats.batchOperations).toMatchObject({ head: 3, insert: 2, get: 1, delete: 1 });
    expect(emulator.stats.objectsStored).toBe(2);
    expect(emulator.stats.requests['POST objects:batch']).toBe(2);
  });

  it('413 with detail and causes for too many operations or too many bytes', async () => {
    const emulator = await useEmulator({ objectStoreLimits: { maxBatchOperations: 2, maxBatchBytes: 1000 } });
    const store = await openStore(emulator);
    const key = `${store.base}/${contentHash('a')}`;
    const many = await runBatch(store, [
      operation('head', key),
      operation('head', key),
      operation('head', key),
    ]);
    expect(many.status).toBe(413);
    expect(many.json).toEqual({ detail: 'Batch request too large', causes: [expect.any(String)] });
    const big = await runBatch(store, [operation('insert', key, Buffer.alloc(2000))]);
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ detail: 'Batch request too large' });
    expect(await runBatch(store, [operation('head', key)])).toMatchObject({ status: 200 });
  });

  it('401 without a valid JWT, and 404 where the store has no batch endpoint', async () => {
    const emulator = await useEmulator();
    const store = await openStore(emulator);
    const key = `${store.base}/${contentHash('a')}`;
    expect((await runBatch(store, [operation('head', key)], 'bad')).status).toBe(401);
    const old = await useEmulator({ compat: { batch: false } });
    const oldStore = await openStore(old);
    expect((await runBatch(oldStore, [operation('head', key)])).status).toBe(404);
  });
});

/** Sends the path as written: fetch would resolve its `..` segments before they reach the server. */
function sendRaw(url: string, method: string, path: string, headers: Record<string, string>, body?: Buffer) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = httpRequest(url, { method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('object store: bad keys', () => {
  const badKeys = (base: string) => [
    `${base}/../../../../../../escaped`,
    `${base}/%2E%2E/%2e%2e/%2E%2E/%2E%2E/%2E%2E/%2E%2E/escaped`,
    `${base}/a%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fescaped`,
    `${base}/./x`,
    `${base}//x`,
    `${base}/${'a'.repeat(300)}`,
    // 200 bytes, but 600 once encoded as a file name.
    `${base}/${encodeURIComponent('é'.repeat(100))}`,
  ];

  it('answers 400 with detail and causes on HEAD, GET, PUT and DELETE, and touches nothing outside its folder', async () => {
    const root = await makeTempDir('emulator-keys-');
    const emulator = await useEmulator({ dataDir: join(root, 'data') });
    const store = await openStore(emulator);
    const objectsPath = new URL(store.objects).pathname;
    for (const key of badKeys(store.base)) {
      for (const method of ['HEAD', 'GET', 'PUT', 'DELETE']) {
        const body = method === 'PUT' ? Buffer.from('outside') : undefined;
        const answer = await sendRaw(emulator.url, method, `${objectsPath}/${key}`, auth(store.token), body);
        expect({ key, method, status: answer.status }).toEqual({ key, method, status: 400 });
        if (method !== 'HEAD') {
          expect(JSON.parse(answer.text)).toEqual({
            detail: 'Invalid object key',
            causes: [expect.any(String)],
          });
        }
      }
    }
    expect(await readdir(root)).toEqual(['data']);
    const good = await fetch(`${store.objects}/${store.base}/${contentHash('a')}`, {
      method: 'PUT',
      headers: auth(store.token),
      body: Buffer.from('inside'),
    });
    expect(good.status).toBe(200);
  });

  it('answers each batch operation on a bad key with its own 400 part', async () => {
    const root = await makeTempDir('emulator-keys-');
    const emulator = await useEmulator({ dataDir: join(root, 'data') });
    const store = await openStore(emulator);
    const keys = badKeys(store.base).map((key) => decodeURIComponent(key));
    const good = `${store.base}/${contentHash('a')}`;
    const parts = keys.flatMap((key) => [
      operation('insert', key, Buffer.from('outside')),
      operation('head', key),
      operation('get', key),
      operation('delete', key),
    ]);
    const batch = await runBatch(store, [...parts, operation('insert', good, Buffer.from('inside'))]);
    expect(batch.status).toBe(200);
    expect(batch.answers.map(({ status }) => status)).toEqual([
      ...parts.map(() => '400 Bad Request'),
      '200 OK',
    ]);
    for (const answer of batch.answers.slice(0, -1)) {
      expect(JSON.parse(answer.bytes.toString())).toEqual({
        detail: 'Invalid object key',
        causes: [expect.any(String)],
      });
    }
    expect(await readdir(root)).toEqual(['data']);
  });
});

describe('object store: batch inserts stream to disk', () => {
  it('writes an insert to a temporary file while its bytes arrive, and renames it into place', async () => {
    const dataDir = await makeTempDir('emulator-');
    const emulator = await useEmulator({ dataDir });
    const store = await openStore(emulator);
    const bytes = randomBytes(8 * 1024 * 1024);
    const key = `${store.base}/${createHash('sha256').update(bytes).digest('hex')}`;
    const boundary = 'streamed-insert';
    const [head, tail] = encodeMultipart([operation('insert', key, bytes)], boundary)
      .toString('latin1')
      .split(bytes.toString('latin1'));
    const request = httpRequest(store.batch, {
      method: 'POST',
      headers: { ...auth(store.token), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const answered = new Promise<IncomingMessage>((resolve) => request.on('response', resolve));
    request.write(Buffer.from(head ?? '', 'latin1'));
    request.write(bytes.subarray(0, bytes.length / 2));
    // Half the object is on disk before the rest is even sent.
    await expect.poll(() => largestFile(dataDir), { timeout: 5000 }).toBeGreaterThanOrEqual(1024 * 1024);
    request.end(Buffer.concat([bytes.subarray(bytes.length / 2), Buffer.from(tail ?? '', 'latin1')]));
    const response = await answered;
    response.resume();
    expect(response.statusCode).toBe(200);
    const read = await fetch(`${store.objects}/${key}`, { headers: auth(store.token) });
    expect(Buffer.from(await read.arrayBuffer()).equals(bytes)).toBe(true);
    const names = await readdir(dataDir, { recursive: true });
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

async function largestFile(dir: string): Promise<number> {
  let largest = 0;
  for (const name of await readdir(dir, { recursive: true })) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info?.isFile()) largest = Math.max(largest, info.size);
  }
  return largest;
}

describe('object store: what one request may make the store hold', () => {
  it('413 Object too large past maxObjectBytes, for a PUT and an insert, plain or zstd', async () => {
    const dataDir = await makeTempDir('emulator-');
    const emulator = await useEmulator({ dataDir, objectStoreLimits: { maxObjectBytes: 2 * 1024 * 1024 } });
    const store = await openStore(emulator);
    const key = `${store.base}/${contentHash('b')}`;
    const big = Buffer.alloc(3 * 1024 * 1024, 1);
    const put = (body: Buffer, headers: Record<string, string> = {}) =>
      fetch(`${store.objects}/${key}`, {
        method: 'PUT',
        headers: { ...auth(store.token), ...headers },
        body,
      });
    for (const answer of [await put(big), await put(encodeZstdFrame(big), { 'content-encoding': 'zstd' })]) {
      expect(answer.status).toBe(413);
      expect(await answer.json()).toEqual({ detail: 'Object too large', causes: [expect.any(String)] });
    }
    const batch = await runBatch(store, [
      operation('insert', key, big),
      operation('insert', key, encodeZstdFrame(big), { 'content-encoding': 'zstd' }),
      operation('insert', key, Buffer.alloc(2 * 1024 * 1024, 2)),
    ]);
    expect(batch.answers.map(({ status }) => status)).toEqual([
      '413 Payload Too Large',
      '413 Payload Too Large',
      '200 OK',
    ]);
    expect(JSON.parse(batch.answers[0]?.bytes.toString() ?? '')).toMatchObject({
      detail: 'Object too large',
    });
    const names = await readdir(dataDir, { recursive: true });
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('400 Invalid multipart body for a body cut before its closing boundary, or with no part at all', async () => {
    const emulator = await useEmulator();
    const store = await openStore(emulator);
    const key = `${store.base}/${contentHash('c')}`;
    const boundary = 'cut-short';
    const whole = encodeMultipart([operation('insert', key, Buffer.from('bytes'))], boundary);
    for (const body of [
      whole.subarray(0, whole.length - 20),
      whole.subarray(0, whole.length - 12),
      Buffer.alloc(0),
    ]) {
      const answer = await fetch(store.batch, {
        method: 'POST',
        headers: { ...auth(store.token), 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({
        detail: 'Invalid multipart body',
        causes: [expect.any(String)],
      });
    }
  });

  it('keeps nothing of an insert whose client went away halfway', async () => {
    const dataDir = await makeTempDir('emulator-');
    const emulator = await useEmulator({ dataDir });
    const store = await openStore(emulator);
    const bytes = randomBytes(4 * 1024 * 1024);
    const key = `${store.base}/${createHash('sha256').update(bytes).digest('hex')}`;
    const boundary = 'abandoned';
    const whole = encodeMultipart([operation('insert', key, bytes)], boundary);
    const request = httpRequest(store.batch, {
      method: 'POST',
      headers: { ...auth(store.token), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    request.on('error', () => {});
    request.write(whole.subarray(0, whole.length / 2));
    await expect.poll(() => largestFile(dataDir), { timeout: 5000 }).toBeGreaterThanOrEqual(1024 * 1024);
    request.destroy();
    await expect
      .poll(async () => (await readdir(dataDir, { recursive: true })).filter((name) => name.endsWith('.tmp')))
      .toEqual([]);
    const head = await fetch(`${store.objects}/${key}`, { method: 'HEAD', headers: auth(store.token) });
    expect(head.status).toBe(404);
  });
});
