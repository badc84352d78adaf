import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createBoundary, encodeMultipart } from './multipart-body.js';
import { readMultipartParts } from './multipart-parts.js';

async function headersOf(chunks: Buffer[], boundary: string): Promise<Record<string, string>[]> {
  const parts = readMultipartParts(
    Readable.from(chunks),
    { 'content-type': `multipart/form-data; boundary=${boundary}` },
    { maxParts: 10, maxTotalSize: 1 << 20 },
  );
  const headers: Record<string, string>[] = [];
  for await (const part of parts) {
    headers.push(part.headers);
    part.body.resume();
  }
  return headers;
}

describe('readMultipartParts', () => {
  it('reads a header value whole wherever the body is cut into chunks', async () => {
    const boundary = createBoundary();
    const body = encodeMultipart([{ headers: { 'x-sn-kind': 'head', 'x-sn-key': 'a/b' } }], boundary);
    const afterColon = body.indexOf('x-sn-kind:') + 'x-sn-kind:'.length;
    for (const cut of [afterColon, afterColon + 1, afterColon - 3]) {
      const [headers] = await headersOf([body.subarray(0, cut), body.subarray(cut)], boundary);
      expect(headers, `cut at ${cut}`).toMatchObject({ 'x-sn-kind': 'head', 'x-sn-key': 'a/b' });
    }
  });
});
