import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { isSnapshotsError } from '../errors.js';
import { readBatchAnswer } from './batch-answer.js';
import { callTimeouts } from './http-timeouts.js';
import { type LoopbackServer, startLoopbackServer } from './loopback-server.testing.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves `body` with `contentType`, in `chunkSize`-byte writes so parts straddle chunks. */
async function answer(
  contentType: string,
  body: string | Buffer,
  operationCount: number,
  chunkSize = 7,
  timeoutMs = 5_000,
) {
  server = await startLoopbackServer(async (_request, response) => {
    response.writeHead(200, { 'content-type': contentType });
    const bytes = Buffer.from(body);
    for (let at = 0; at < bytes.length; at += chunkSize) response.write(bytes.subarray(at, at + chunkSize));
    response.end();
  });
  const url = `${server.url}/batch`;
  const response = await request(url);
  return readBatchAnswer(
    Object.assign(response, { url, timeouts: callTimeouts(timeoutMs, 'api') }),
    operationCount,
  );
}

const part = (index: number, status: string, content = '', name = 'x-sn-batch-operation-') =>
  `--B\r\nContent-Disposition: form-data; name="part"\r\n${name}index: ${index}\r\n${name}status: ${status}\r\n\r\n${content}\r\n`;

describe('readBatchAnswer', () => {
  it('reads every part’s index, status and error detail', async () => {
    const body = `preamble\r\n${part(1, '404 Not Found', '{"detail":"no such object"}')}${part(0, '204 No Content')}${part(2, '500', 'boom\r\n--not-the-boundary')}--B--\r\n`;
    const outcomes = await answer('multipart/form-data; boundary="B"', body, 3);
    expect([...outcomes].sort(([a], [b]) => a - b)).toEqual([
      [0, { status: 204 }],
      [1, { status: 404, detail: 'no such object' }],
      [2, { status: 500, detail: 'boom\r\n--not-the-boundary' }],
    ]);
  });

  it('matches header names in any case and skips parts without an index', async () => {
    const body = `${part(0, '200', '', 'X-SN-Batch-Operation-')}--B\r\nx-sn-batch-operation-status: 200\r\n\r\n\r\n--B--`;
    expect([...(await answer('multipart/form-data; boundary=B', body, 2))]).toEqual([[0, { status: 200 }]]);
  });

  it('refuses other content types, more parts than operations, and a truncated answer', async () => {
    const codes = async (contentType: string, body: string, count: number) =>
      answer(contentType, body, count).then(
        () => 'read',
        (error: unknown) => (isSnapshotsError(error) ? `${error.code}: ${error.message}` : String(error)),
      );
    expect(await codes('multipart/mixed; boundary=B', `${part(0, '200')}--B--`, 1)).toBe(
      "OBJECT_STORE_ERROR: The object store answered a batch with 'multipart/mixed; boundary=B'.",
    );
    const unreadable = 'OBJECT_STORE_ERROR: The object store sent a batch answer that cannot be read.';
    expect(await codes('multipart/form-data; boundary=B', `${part(0, '200')}${part(1, '200')}--B--`, 1)).toBe(
      unreadable,
    );
    expect(await codes('multipart/form-data; boundary=B', part(0, '200'), 1)).toBe(unreadable);
  });

  it('stops reading an answer larger than its operations can need, and one that does not end in time', async () => {
    const fail = (promise: Promise<unknown>) =>
      promise.then(
        () => 'read',
        (error: unknown) => (isSnapshotsError(error) ? `${error.code}: ${error.message}` : String(error)),
      );
    const huge = Buffer.alloc(4 * 1024 * 1024, 'x');
    expect(await fail(answer('multipart/form-data; boundary=B', huge, 1, 64 * 1024))).toBe(
      "OBJECT_STORE_ERROR: The object store's answer to a batch is larger than 131072 bytes, more than its operations can need.",
    );

    server = await startLoopbackServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'multipart/form-data; boundary=B' });
      // One byte every 100 ms: under the idle timeout, never an answer.
      const timer = setInterval(() => response.write('-'), 100);
      response.on('close', () => clearInterval(timer));
    });
    const url = `${server.url}/batch`;
    const response = await request(url);
    const started = Date.now();
    const late = await fail(
      readBatchAnswer(Object.assign(response, { url, timeouts: callTimeouts(300, 'api') }), 1),
    );
    expect(late).toMatch(/^TIMEOUT: 127\.0\.0\.1:\d+ did not finish its answer within 0\.6 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
