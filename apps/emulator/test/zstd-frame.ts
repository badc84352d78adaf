/**
 * Wraps bytes in a valid zstd frame made of raw (stored) blocks. Node 20 has no zstd encoder and
 * the decoder under test does not care how well the bytes were compressed. Without `declareSize`
 * the frame states only a window (2^`windowLog` bytes), as a streaming encoder writes it.
 */
export function encodeZstdFrame(data: Uint8Array, { declareSize = true, windowLog = 17 } = {}): Buffer {
  const maxBlock = 128 * 1024;
  const header = Buffer.alloc(declareSize ? 9 : 6);
  header.writeUInt32LE(0xfd2fb528, 0);
  if (declareSize) {
    // Content size in 4 bytes, single segment, no checksum, no dictionary.
    header[4] = 0xa0;
    header.writeUInt32LE(data.length, 5);
  } else {
    header[4] = 0x00;
    header[5] = (windowLog - 10) << 3;
  }
  const chunks: Buffer[] = [header];
  let offset = 0;
  do {
    const size = Math.min(maxBlock, data.length - offset);
    const last = offset + size >= data.length ? 1 : 0;
    const blockHeader = Buffer.alloc(3);
    blockHeader.writeUIntLE((size << 3) | last, 0, 3);
    chunks.push(blockHeader, Buffer.from(data.subarray(offset, offset + size)));
    offset += size;
  } while (offset < data.length);
  return Buffer.concat(chunks);
}
