import { randomBytes } from 'node:crypto';

export interface MultipartPartOut {
  headers: Record<string, string | number>;
  body?: Uint8Array;
}

export function createBoundary(): string {
  return `emulator-${randomBytes(16).toString('hex')}`;
}

/** What comes before a part's body: each part is named `part`, as the object store answers. */
export function encodePartHead(
  headers: Record<string, string | number>,
  length: number,
  boundary: string,
): Buffer {
  const all = { 'content-disposition': 'form-data; name="part"', 'content-length': length, ...headers };
  const lines = Object.entries(all)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return Buffer.from(`--${boundary}\r\n${lines}\r\n`);
}

/** What follows each part's body. */
export const partEnd = Buffer.from('\r\n');

export function encodeClosingBoundary(boundary: string): Buffer {
  return Buffer.from(`--${boundary}--\r\n`);
}

/** Frames parts held in memory as `multipart/form-data`. */
export function encodeMultipart(parts: MultipartPartOut[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const body = part.body ?? new Uint8Array(0);
    chunks.push(encodePartHead(part.headers, body.length, boundary), Buffer.from(body), partEnd);
  }
  chunks.push(encodeClosingBoundary(boundary));
  return Buffer.concat(chunks);
}
