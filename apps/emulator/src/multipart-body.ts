import { randomBytes } from 'node:crypto';

export interface MultipartPartOut {
  headers: Record<string, string | number>;
  body?: Uint8Array;
}

export function createBoundary(): string {
  return `emulator-${randomBytes(16).toString('hex')}`;
}

/** Frames parts as `multipart/form-data`: each part is named `part`, as the object store answers. */
export function encodeMultipart(parts: MultipartPartOut[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const body = part.body ?? new Uint8Array(0);
    const headers = {
      'content-disposition': 'form-data; name="part"',
      'content-length': body.length,
      ...part.headers,
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`), Buffer.from(body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
