import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { afterEach, describe, expect, it } from 'vitest';
import { getSnapshotStatus, isSnapshotsError, uploadSnapshots } from '../src/index.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A server that takes every request and never answers. */
async function silentServer(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer(() => {
    requests++;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests: () => requests };
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isSnapshotsError(error)) throw new Error(`expected a SnapshotsError, got ${String(error)}`);
  return error;
}

const connection = (url: string) => ({ url, authToken: 'token', org: 'acme', env: {} });

describe('timeouts of the SDK', () => {
  it('httpTimeoutMs fails a call to a silent server with TIMEOUT after one retry', async () => {
    const server = await silentServer();
    const started = Date.now();
    const error = await rejection(
      getSnapshotStatus({ ...connection(server.url), artifactId: '1', httpTimeoutMs: 500 }),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', family: 'network' });
    expect(error.message).toContain('sent no answer within 0.5 s (headers timeout)');
    expect(server.requests()).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('SENTRY_HTTP_TIMEOUT of the env applies when httpTimeoutMs is not given', async () => {
    const server = await silentServer();
    const error = await rejection(
      getSnapshotStatus({ ...connection(server.url), artifactId: '1', env: { SENTRY_HTTP_TIMEOUT: '0.5' } }),
    );
    expect(error.message).toContain('sent no answer within 0.5 s (headers timeout)');
  });

  it('uploadTimeoutMs of uploadSnapshots stops the whole upload with TIMEOUT', async () => {
    const server = await silentServer();
    const dir = await makeTempDir();
    await writePng(join(dir, 'a.png'), { width: 4, height: 4, seed: 5 });
    const started = Date.now();
    const error = await rejection(
      uploadSnapshots({
        ...connection(server.url),
        project: 'web',
        path: dir,
        appId: 'web',
        gitMetadata: 'off',
        uploadTimeoutMs: 700,
      }),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { timeoutMs: 700 } });
    expect(error.hint).toContain('running the upload again finishes it');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
