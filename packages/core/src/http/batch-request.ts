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
  /** A fresh stream of the multipart body on each call, so a retry can send it again. */
  body: () => AsyncIterable<Uint8Array>;
}

/**
 * Encodes operations as the batch endpoint's `multipart/form-data`, streaming: each insert's bytes
 * are read when its part is due, so a 100 MB batch never sits in memory as one buffer. Written here
 * because FormData encoders give a part only a name, a filename and a type, while every part of a
 * batch needs its own `x-sn-batch-operation-*` headers.
 */
const COALESCE_BYTES = 256 * 1024;

export function encodeBatchRequest(
  operations: readonly BatchOperation[],
  writeHeaders: Record<string, string>,
  boundary = `sentry-snapshots-${randomBytes(16).toString('hex')}`,
): BatchRequest {
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: async function* () {
      // Parts are gathered into chunks of about COALESCE_BYTES: one write per chunk, not two per
      // part (a cold upload of 50,000 small images sent 100,000 tiny chunks through the stream).
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
        const lines = [
          `--${boundary}`,
          'Content-Disposition: form-data; name="part"',
          `${batchHeaders.kind}: ${operation.kind}`,
          `${batchHeaders.key}: ${batchOperationKey(operation.key)}`,
        ];
        if (operation.kind === 'insert') {
          for (const [name, value] of Object.entries(writeHeaders)) lines.push(`${name}: ${value}`);
        }
        text += `${lines.join('\r\n')}\r\n\r\n`;
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
      text += `--${boundary}--\r\n`;
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
