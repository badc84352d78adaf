import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeZstdFrame } from '../test/zstd-frame.js';
import { createZstdDecoder, decodeZstd, InvalidZstdError, ZstdLimitError } from './zstd-decoder.js';

// Large buffers are compared with `equals`: vitest's deep equality walks them byte by byte.
const data = Buffer.from(Array.from({ length: 300_000 }, (_, index) => index % 251));

describe('decodeZstd', () => {
  it('decodes a frame that declares its size', async () => {
    expect((await decodeZstd(encodeZstdFrame(data), 1_000_000)).equals(data)).toBe(true);
  });

  it('decodes a frame that only states its window, small or large', async () => {
    for (const windowLog of [17, 21, 25]) {
      const frame = encodeZstdFrame(data, { declareSize: false, windowLog });
      expect((await decodeZstd(frame, 1_000_000)).equals(data)).toBe(true);
    }
    const small = Buffer.from('a small image');
    expect(await decodeZstd(encodeZstdFrame(small, { declareSize: false, windowLog: 21 }), 100)).toEqual(
      small,
    );
  });

  it('decodes concatenated frames by streaming', async () => {
    const two = Buffer.concat([encodeZstdFrame(data, { declareSize: false }), encodeZstdFrame(data)]);
    expect((await decodeZstd(two, 1_000_000)).equals(Buffer.concat([data, data]))).toBe(true);
  });

  it('refuses to expand past the limit, declared or not', async () => {
    await expect(decodeZstd(encodeZstdFrame(data), 1000)).rejects.toBeInstanceOf(ZstdLimitError);
    await expect(decodeZstd(encodeZstdFrame(data, { declareSize: false }), 1000)).rejects.toBeInstanceOf(
      ZstdLimitError,
    );
  });

  it('reports bytes that are not zstd as invalid', async () => {
    await expect(decodeZstd(Buffer.from('{"app_id":"a"}'), 1000)).rejects.toBeInstanceOf(InvalidZstdError);
    const truncated = encodeZstdFrame(data).subarray(0, 1000);
    await expect(decodeZstd(truncated, 1_000_000)).rejects.toBeInstanceOf(InvalidZstdError);
  });
});

describe('createZstdDecoder', () => {
  it('streams a frame split into arbitrary chunks', async () => {
    const frame = encodeZstdFrame(data);
    const pieces = Array.from({ length: Math.ceil(frame.length / 7777) }, (_, index) =>
      frame.subarray(index * 7777, (index + 1) * 7777),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.from(pieces).pipe(createZstdDecoder())) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  });
});
