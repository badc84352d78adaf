import { describe, expect, it } from 'vitest';
import { encodeBatchRequest } from './batch-request.js';

async function collect(body: Uint8Array | AsyncIterable<Uint8Array>): Promise<string> {
  if (body instanceof Uint8Array) return Buffer.from(body).toString('latin1');
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString('latin1');
}

describe('encodeBatchRequest', () => {
  it('writes each operation as a form-data part with its own headers and percent-encoded key', async () => {
    const request = encodeBatchRequest(
      [
        { kind: 'head', key: '1/2/abc' },
        { kind: 'insert', key: '1/2/é f', read: async () => Buffer.from('BYTES') },
      ],
      { 'x-sn-expiration': 'tti:30d', 'content-type': 'application/octet-stream' },
      'B0UND',
    );

    expect(request.contentType).toBe('multipart/form-data; boundary=B0UND');
    expect(await collect(request.body())).toBe(
      [
        '--B0UND',
        'Content-Disposition: form-data; name="part"',
        'x-sn-batch-operation-kind: head',
        'x-sn-batch-operation-key: 1%2F2%2Fabc',
        '',
        '',
        '--B0UND',
        'Content-Disposition: form-data; name="part"',
        'x-sn-batch-operation-kind: insert',
        'x-sn-batch-operation-key: 1%2F2%2F%C3%A9%20f',
        'x-sn-expiration: tti:30d',
        'content-type: application/octet-stream',
        '',
        'BYTES',
        '--B0UND--',
        '',
      ].join('\r\n'),
    );
  });

  it('reads an insert only when the stream reaches it, and anew for each body', async () => {
    let reads = 0;
    const request = encodeBatchRequest(
      [{ kind: 'insert', key: 'k', read: async () => Buffer.from(String(++reads)) }],
      {},
    );
    expect(reads).toBe(0);
    await collect(request.body());
    const second = await collect(request.body());
    expect(reads).toBe(2);
    expect(second).toContain('\r\n\r\n2\r\n');
  });

  it('writes checks alone as one buffer, the same bytes on every call', async () => {
    const request = encodeBatchRequest(
      [
        { kind: 'head', key: '1/2/a' },
        { kind: 'head', key: '1/2/b' },
      ],
      { 'x-sn-expiration': 'tti:30d' },
      'B0UND',
    );
    const first = request.body();
    expect(first).toBeInstanceOf(Uint8Array);
    expect(request.body()).toBe(first);
    expect(await collect(first)).toBe(
      [
        '--B0UND',
        'Content-Disposition: form-data; name="part"',
        'x-sn-batch-operation-kind: head',
        'x-sn-batch-operation-key: 1%2F2%2Fa',
        '',
        '',
        '--B0UND',
        'Content-Disposition: form-data; name="part"',
        'x-sn-batch-operation-kind: head',
        'x-sn-batch-operation-key: 1%2F2%2Fb',
        '',
        '',
        '--B0UND--',
        '',
      ].join('\r\n'),
    );
  });

  it('reports an unreadable insert as IMAGE_UNREADABLE', async () => {
    const request = encodeBatchRequest(
      [
        {
          kind: 'insert',
          key: 'k',
          read: async () => {
            throw new Error('ENOENT');
          },
        },
      ],
      {},
    );
    await expect(collect(request.body())).rejects.toMatchObject({ code: 'IMAGE_UNREADABLE' });
  });
});
