import { createHash, randomBytes } from 'node:crypto';
import { parseMultipartStream } from '@remix-run/multipart-parser';
import { describe, expect, it } from 'vitest';
import { encodeMultipart } from '../src/multipart-body.js';
import { startEmulatorProcess } from './emulator-process.js';

const mib = 1024 * 1024;
const objectBytes = 32 * mib;
const gets = 16;
const rssCeiling = 256 * mib;

describe('object store: memory a hostile batch can take', () => {
  it('streams a batch of gets whose answer is twice its RSS ceiling', { timeout: 30_000 }, async () => {
    const emulator = await startEmulatorProcess();
    const options = await fetch(
      `${emulator.url}/api/0/projects/acme/web/preprodartifacts/snapshots/upload-options/`,
      { headers: { authorization: `Bearer ${emulator.token}` } },
    );
    const { objectstore } = (await options.json()) as {
      objectstore: { url: string; usecase: string; scopes: string[][]; authToken: string };
    };
    const scope = objectstore.scopes.map(([name, value]) => `${name}=${value}`).join(';');
    const auth = { 'x-os-auth': `Bearer ${objectstore.authToken}` };
    const bytes = randomBytes(objectBytes);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const key = `${objectstore.scopes[0]?.[1]}/${objectstore.scopes[1]?.[1]}/${hash}`;
    const put = await fetch(`${objectstore.url}/v1/objects/${objectstore.usecase}/${scope}/${key}`, {
      method: 'PUT',
      headers: auth,
      body: bytes,
    });
    expect(put.status).toBe(200);

    const boundary = 'hostile-batch';
    const operation = {
      headers: { 'x-sn-batch-operation-kind': 'get', 'x-sn-batch-operation-key': encodeURIComponent(key) },
    };
    const batch = await fetch(`${objectstore.url}/v1/objects:batch/${objectstore.usecase}/${scope}/`, {
      method: 'POST',
      headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: encodeMultipart(Array(gets).fill(operation), boundary),
    });
    expect(batch.status).toBe(200);
    const answerBoundary = /boundary=(.+)$/.exec(batch.headers.get('content-type') ?? '')?.[1] ?? '';
    const hashes: string[] = [];
    const parts = parseMultipartStream(batch.body as ReadableStream<Uint8Array>, {
      boundary: answerBoundary,
      maxFileSize: objectBytes,
      maxTotalSize: gets * objectBytes,
    });
    for await (const part of parts) {
      expect(part.headers['x-sn-batch-operation-status']).toBe('200 OK');
      hashes.push(createHash('sha256').update(part.bytes).digest('hex'));
    }
    expect(hashes).toEqual(Array(gets).fill(hash));

    const peak = await emulator.stop();
    console.log(
      `emulator peak RSS: ${Math.round(peak / mib)} MiB for a ${(gets * objectBytes) / mib} MiB answer`,
    );
    expect(peak).toBeLessThan(rssCeiling);
  });
});
