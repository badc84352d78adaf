import { randomBytes } from 'node:crypto';
import { SnapshotsError } from '../errors.js';
import { type BatchOperationKind, batchHeaders } from '../schemas/index.js';
import { batchOperationKey } from './object-path.js';

export interface BatchOperation {
  kind: BatchOperationKind;
  key: string;
  /** The bytes of an insert, read only when the stream reaches this part. */
  read?: () => Promise<Uint8Array>;
}

export interface BatchRequest {
  contentType: string;
  /**
   * The multipart body, anew on each call so a retry can send it again: one buffer when no part
   * carries bytes (an existence check), else a stream.
   */
  body: () => Uint8Array | AsyncIterable<Uint8Array>;
}

/** Parts are gathered into chunks of about this size: one write each, not two per part. */
const COALESCE_BYTES = 256 * 1024;

/**
 * Encodes operations as the batch endpoint's `multipart/form-data`. Inserts stream: each one's
 * bytes are read when its part is due, so a 100 MB batch never sits in memory as one buffer.
 * Written here because FormData encoders give a part only a name, a filename and a type, while
 * every part of a batch needs its own `x-sn-batch-operation-*` headers.
 */
export function encodeBatchRequest(
  operations: readonly BatchOperation[],
  writeHeaders: Record<string, string>,
  boundary = `sentry-snapshots-${randomBytes(16).toString('hex')}`,
): BatchRequest {
  const insertHeaders = Object.entries(writeHeaders)
    .map(([name, value]) => `\r\n${name}: ${value}`)
    .join('');
  const partHead = (operation: BatchOperation) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="part"\r\n${batchHeaders.kind}: ${operation.kind}\r\n` +
    `${batchHeaders.key}: ${batchOperationKey(operation.key)}${operation.kind === 'insert' ? insertHeaders : ''}\r\n\r\n`;
  const closing = `--${boundary}--\r\n`;
  const contentType = `multipart/form-data; boundary=${boundary}`;

  if (operations.every((operation) => operation.read === undefined)) {
    // Headers only: one buffer, written once. Through a stream, a warm upload's checks spent a
    // noticeable share of their time in stream machinery (warm uploads: bench/results/latest.md).
    const encode = () => {
      let text = '';
      for (const operation of operations) text += `${partHead(operation)}\r\n`;
      return Buffer.from(text + closing);
    };
    let bytes: Buffer | undefined;
    return { contentType, body: () => (bytes ??= encode()) };
  }

  return {
    contentType,
    body: async function* () {
      let chunk: Uint8Array[] = [];
      let chunkBytes = 0;
      let text = '';
      const flushText = () => {
        if (text === '') return;
        const bytes = Buffer.from(text);
        chunk.push(bytes);
        chunkBytes += bytes.byteLength;
        text = '';
      };
      for (const operation of operations) {
        text += partHead(operation);
        if (operation.read !== undefined) {
          flushText();
          const bytes = await readPart(operation.key, operation.read);
          chunk.push(bytes);
          chunkBytes += bytes.byteLength;
        }
        text += '\r\n';
        if (chunkBytes >= COALESCE_BYTES) {
          flushText();
          yield Buffer.concat(chunk, chunkBytes);
          chunk = [];
          chunkBytes = 0;
        }
      }
      text += closing;
      flushText();
      yield chunk.length === 1 ? chunk[0]! : Buffer.concat(chunk, chunkBytes);
    },
  };
}

async function readPart(key: string, read: () => Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await read();
  } catch (error) {
    throw new SnapshotsError('IMAGE_UNREADABLE', `Could not read the bytes of object ${key}.`, {
      cause: error,
    });
  }
}
