import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeZstdFrame } from '../test/zstd-frame.js';
import { createZstdDecoder, decodeZstd, InvalidZstdError, ZstdLimitError } from './zstd-decoder.js';

const data = Buffer.from(Array.from({ length: 300_000 }, (_, index) => index % 251));

describe('decodeZstd', () => {
  it('decodes a frame that declares its size', async () => {
    expect(await decodeZstd(encodeZstdFrame(data), 1_000_000)).toEqual(data);
  });

  it('decodes a frame that only states its window, by streaming', async () => {
    expect(await decodeZstd(encodeZstdFrame(data, { declareSize: false }), 1_000_000)).toEqual(data);
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
    expect(Buffer.concat(chunks)).toEqual(data);
  });
});
