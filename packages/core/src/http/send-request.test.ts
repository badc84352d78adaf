import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { isSnapshotsError, type SnapshotsError } from '../errors.js';
import { readAnswer } from './api-error.js';
import { createTestWorld } from './loopback-server.testing.js';
import { createHttpContext, idempotentRetry, type RequestSpec, sendRequest } from './send-request.js';

/** A raw server: unlike the loopback helper, it does not read the request body before handling. */
async function serve(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function contextFor(timeoutMs: number, maxRetries = 4) {
  return createHttpContext({ timeoutMs, defaultMaxRetries: maxRetries }, createTestWorld());
}

async function failure(promise: Promise<unknown>): Promise<SnapshotsError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isSnapshotsError(error)) throw new Error(`expected a SnapshotsError, got ${String(error)}`);
  return error;
}

const get = (url: string): RequestSpec => ({ method: 'GET', url, headers: {}, retry: idempotentRetry });

describe('timeouts', () => {
  it('fails a server that never answers with TIMEOUT after one retry, naming host, timeout and setting', async () => {
    let requests = 0;
    const url = await serve(() => {
      requests++;
    });
    const started = Date.now();
    const error = await failure(sendRequest(contextFor(300), get(`${url}/x`)));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(`${new URL(url).host} sent no answer within 0.3 s (headers timeout).`);
    expect(error).toMatchObject({ option: 'httpTimeout', hint: expect.stringContaining('HTTP timeout') });
    // Retries stay on for other failures (four here), but a second timeout ends the call.
    expect(requests).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails an answer that pauses longer than the timeout between two chunks', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"a":');
    });
    const response = await sendRequest(contextFor(1_000), get(`${url}/x`));
    const error = await failure(readAnswer(response));
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { cause: 'UND_ERR_BODY_TIMEOUT' } });
    expect(error.message).toBe(`${new URL(url).host} paused its answer for more than 1 s (body timeout).`);
  });

  it('fails an answer trickled just under the idle timeout once it takes two timeouts', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 100);
      response.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const response = await sendRequest(contextFor(300), get(`${url}/x`));
    const error = await failure(readAnswer(response));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(`${new URL(url).host} did not finish its answer within 0.6 s of starting it.`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lets a slow upload that keeps moving run far past the timeout', async () => {
    const size = 16 * 1024 * 1024;
    let received = 0;
    const url = await serve((request, response) => {
      // A pause after every chunk: about 3 MB/s, so some five seconds in all.
      request.on('data', (chunk: Buffer) => {
        received += chunk.length;
        request.pause();
        setTimeout(() => request.resume(), 20);
      });
      request.on('end', () => response.end('{}'));
    });
    const started = Date.now();
    const response = await sendRequest(contextFor(1_000, 0), {
      method: 'PUT',
      url: `${url}/object`,
      headers: {},
      body: () => Buffer.alloc(size, 1),
      retry: idempotentRetry,
      kind: 'transfer',
    });
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    expect(received).toBe(size);
    // Longer than the transfer's two-timeout wait for its answer: only progress kept it going.
    expect(Date.now() - started).toBeGreaterThan(2_000);
  }, 30_000);

  it('fails an upload the server stops reading, saying the request stalled', async () => {
    const url = await serve((request) => {
      request.pause();
    });
    const error = await failure(
      sendRequest(contextFor(300, 0), {
        method: 'PUT',
        url: `${url}/object`,
        headers: {},
        body: () => Buffer.alloc(64 * 1024 * 1024, 1),
        retry: idempotentRetry,
        kind: 'transfer',
      }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(
      `${new URL(url).host} took no more of the request for 0.6 s (headers timeout).`,
    );
  });
});

describe('bounded answers', () => {
  /** Streams `total` bytes of `fill` in 64 KiB writes, stopping when the client goes away. */
  function streamHuge(status: number, total: number, sent: { bytes: number; closed: boolean }) {
    return (_request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(status, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const write = () => {
        while (sent.bytes < total && !response.destroyed) {
          sent.bytes += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', write);
        }
        response.end();
      };
      response.on('close', () => {
        sent.closed = true;
      });
      write();
    };
  }

  it('keeps an excerpt of a huge error answer and closes the connection', async () => {
    const sent = { bytes: 0, closed: false };
    const url = await serve(streamHuge(400, 1024 ** 3, sent));
    const response = await sendRequest(contextFor(5_000), get(`${url}/x`));
    const answer = await readAnswer(response);
    expect(answer.status).toBe(400);
    expect(answer.body).toBe('x'.repeat(8 * 1024));
    for (let waited = 0; !sent.closed && waited < 5_000; waited += 20) await sleep(20);
    expect(sent.closed).toBe(true);
    // Socket buffers take some megabytes before the close arrives: far from the gigabyte offered.
    expect(sent.bytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a success answer past its bound with INVALID_RESPONSE', async () => {
    const sent = { bytes: 0, closed: false };
    const url = await serve(streamHuge(200, 1024 ** 3, sent));
    const response = await sendRequest(contextFor(5_000), get(`${url}/x`));
    const error = await failure(readAnswer(response, 1024 * 1024));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', details: { maxBytes: 1024 * 1024 } });
    expect(error.message).toBe(`The answer of ${new URL(url).host} is larger than 1048576 bytes.`);
  });
});
