import { STATUS_CODES } from 'node:http';
import {
  getMultipartBoundary,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  type MultipartPart,
  parseMultipartStream,
} from '@remix-run/multipart-parser/node';
import { batchHeaders } from '@sentry-snapshots/core';
import { authorizeObjectStore } from '../authorize-object-store.js';
import { isValidExpirationPolicy } from '../expiration-policy.js';
import { HttpError } from '../http-error.js';
import { createBoundary, encodeMultipart, type MultipartPartOut } from '../multipart-body.js';
import { readBody } from '../read-body.js';
import type { RouteHandler, RouteRequest } from '../route-request.js';
import { InvalidObjectKeyError, type ObjectId } from '../storage/object-storage.js';
import { decodeZstd, InvalidZstdError, ZstdLimitError } from '../zstd-decoder.js';

const tooLarge = 'Batch request too large';
/** Bounds what one compressed insert may expand to, so a zstd bomb cannot exhaust memory. */
const maxObjectBytes = 1024 * 1024 * 1024;

/** `POST …/v1/objects:batch/{usecase}/{scopes}/`: many operations in one multipart request and answer. */
export const postObjectBatch: RouteHandler = async (request) => {
  if (!request.state.options.compat.batch) throw HttpError.objectStore(404, 'Not Found');
  const { usecase, scopes } = await authorizeObjectStore(request);
  const { maxBatchOperations, maxBatchBytes } = request.state.options.objectStoreLimits;
  const boundary = getMultipartBoundary(request.req.headers['content-type'] ?? '');
  if (!boundary) throw HttpError.objectStore(400, 'Expected a multipart/form-data body');
  if (Number(request.req.headers['content-length'] ?? 0) > maxBatchBytes) {
    throw HttpError.objectStore(413, tooLarge, [`the body exceeds ${maxBatchBytes} bytes`]);
  }
  const pending: Promise<MultipartPartOut>[] = [];
  // Operations run concurrently, except that those on one key keep their order.
  const lastByKey = new Map<string, Promise<unknown>>();
  try {
    const parts = parseMultipartStream(request.body, {
      boundary,
      maxParts: maxBatchOperations,
      maxTotalSize: maxBatchBytes,
      maxFileSize: maxBatchBytes,
    });
    for await (const part of parts) {
      const key = part.headers[batchHeaders.key] ?? '';
      const index = pending.length;
      const previous = lastByKey.get(key) ?? Promise.resolve();
      const answer = previous.then(() => runOperation(request, { usecase, scopes }, part, index));
      lastByKey.set(key, answer);
      pending.push(answer);
    }
  } catch (error) {
    await Promise.allSettled(pending);
    if (error instanceof MaxPartsExceededError) {
      throw HttpError.objectStore(413, tooLarge, [`more than ${maxBatchOperations} operations`]);
    }
    if (error instanceof MaxTotalSizeExceededError) {
      throw HttpError.objectStore(413, tooLarge, [`the body exceeds ${maxBatchBytes} bytes`]);
    }
    if (error instanceof MultipartParseError)
      throw HttpError.objectStore(400, 'Invalid multipart body', [error.message]);
    throw error;
  }
  const boundaryOut = createBoundary();
  const body = encodeMultipart(await Promise.all(pending), boundaryOut);
  request.res.writeHead(200, {
    'content-type': `multipart/form-data; boundary=${boundaryOut}`,
    'content-length': body.length,
  });
  request.res.end(body);
};

async function runOperation(
  request: RouteRequest,
  scope: Pick<ObjectId, 'usecase' | 'scopes'>,
  part: MultipartPart,
  index: number,
): Promise<MultipartPartOut> {
  const kind = part.headers[batchHeaders.kind] ?? '';
  const encodedKey = part.headers[batchHeaders.key] ?? '';
  const reply = (status: number, extra: Omit<MultipartPartOut, 'headers'> & { type?: string } = {}) => ({
    headers: {
      [batchHeaders.index]: index,
      [batchHeaders.status]: `${status} ${STATUS_CODES[status]}`,
      [batchHeaders.kind]: kind,
      [batchHeaders.key]: encodedKey,
      ...(extra.type ? { 'content-type': extra.type } : {}),
    },
    ...(extra.body ? { body: extra.body } : {}),
  });
  const failure = (status: number, detail: string) =>
    reply(status, { type: 'application/json', body: Buffer.from(JSON.stringify({ detail, causes: [] })) });

  const stats = request.state.stats;
  stats.batchOperations[kind] = (stats.batchOperations[kind] ?? 0) + 1;
  let key: string;
  try {
    key = decodeURIComponent(encodedKey);
  } catch {
    return failure(400, 'Invalid operation key');
  }
  if (key === '') return failure(400, `Missing ${batchHeaders.key}`);
  const id = { ...scope, key };
  const objects = request.state.objects;
  try {
    switch (kind) {
      case 'head':
        // Absent is an answer, not an error: the client stores it.
        return reply((await objects.has(id)) ? 204 : 404);
      case 'get': {
        if (!(await objects.has(id))) return failure(404, 'Object not found');
        const body = await readBody(objects.read(id), Number.POSITIVE_INFINITY);
        return reply(200, { type: 'application/octet-stream', body });
      }
      case 'insert': {
        const encoding = part.headers['content-encoding']?.trim().toLowerCase();
        if (encoding && encoding !== 'zstd' && encoding !== 'identity') {
          return failure(400, 'Unsupported Content-Encoding');
        }
        if (!isValidExpirationPolicy(part.headers[batchHeaders.expiration])) {
          return failure(400, 'Invalid expiration policy');
        }
        const bytes = encoding === 'zstd' ? await decodeZstd(part.bytes, maxObjectBytes) : part.bytes;
        await objects.writeBytes(id, bytes);
        stats.objectsStored += 1;
        return reply(200, { type: 'application/json', body: Buffer.from(JSON.stringify({ key })) });
      }
      case 'delete':
        await objects.delete(id);
        return reply(204);
      default:
        return failure(400, `Unknown operation kind: ${kind || '(none)'}`);
    }
  } catch (error) {
    if (error instanceof InvalidZstdError || error instanceof ZstdLimitError) {
      return failure(400, 'Invalid zstd payload');
    }
    if (error instanceof InvalidObjectKeyError) return failure(400, error.message);
    return failure(500, error instanceof Error ? error.message : String(error));
  }
}
