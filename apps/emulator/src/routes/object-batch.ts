import { type ServerResponse, STATUS_CODES } from 'node:http';
import { batchHeaders } from '@sentry-snapshots/core/contract';
import { authorizeObjectStore } from '../authorize-object-store.js';
import { readContentEncoding } from '../content-encoding.js';
import { isValidExpirationPolicy } from '../expiration-policy.js';
import { HttpError } from '../http-error.js';
import { createBoundary, encodeClosingBoundary, encodePartHead, partEnd } from '../multipart-body.js';
import {
  type IncomingPart,
  MultipartFormatError,
  MultipartLimitError,
  readMultipartParts,
} from '../multipart-parts.js';
import type { RouteHandler, RouteRequest } from '../route-request.js';
import type { ObjectId } from '../storage/object-key.js';
import { InvalidObjectKeyError } from '../storage/object-key.js';
import { ObjectTooLargeError, type OpenedObject } from '../storage/object-storage.js';
import { InvalidZstdError } from '../zstd-decoder.js';

const tooLarge = 'Batch request too large';

/** One operation's answer: small bodies are held, a `get` keeps its object open until it is sent. */
interface Answer {
  headers: Record<string, string | number>;
  body?: Buffer;
  object?: OpenedObject;
}

/**
 * `POST …/v1/objects:batch/{usecase}/{scopes}/`: many operations in one multipart request and answer.
 * Operations run in order as their parts arrive, an insert streaming to disk; the answer is sent
 * once the whole request is read (a limit may still turn it into a 413), each `get` streamed from
 * its file. So a request holds at most one small insert in memory, and an open file per `get`.
 */
export const postObjectBatch: RouteHandler = async (request) => {
  if (!request.state.options.compat.batch) throw HttpError.objectStore(404, 'Not Found');
  const { usecase, scopes } = await authorizeObjectStore(request);
  const { maxBatchOperations, maxBatchBytes } = request.state.options.objectStoreLimits;
  const type = request.req.headers['content-type'] ?? '';
  if (!/^multipart\//i.test(type) || !/;\s*boundary=/i.test(type)) {
    throw HttpError.objectStore(400, 'Expected a multipart/form-data body');
  }
  if (Number(request.req.headers['content-length'] ?? 0) > maxBatchBytes) {
    throw HttpError.objectStore(413, tooLarge, [`the body exceeds ${maxBatchBytes} bytes`]);
  }
  const answers: Answer[] = [];
  try {
    const parts = readMultipartParts(request.body, request.req.headers, {
      maxParts: maxBatchOperations,
      maxTotalSize: maxBatchBytes,
    });
    for await (const part of parts) {
      answers.push(await runOperation(request, { usecase, scopes }, part, answers.length));
    }
  } catch (error) {
    await closeObjects(answers);
    if (error instanceof MultipartLimitError) {
      throw HttpError.objectStore(
        413,
        tooLarge,
        error.limit === 'MaxParts'
          ? [`more than ${maxBatchOperations} operations`]
          : [`the body exceeds ${maxBatchBytes} bytes`],
      );
    }
    if (error instanceof MultipartFormatError) {
      throw HttpError.objectStore(400, 'Invalid multipart body', [error.message]);
    }
    throw error;
  }
  await sendAnswers(request.res, answers);
};

async function runOperation(
  request: RouteRequest,
  scope: Pick<ObjectId, 'usecase' | 'scopes'>,
  part: IncomingPart,
  index: number,
): Promise<Answer> {
  const kind = part.headers[batchHeaders.kind] ?? '';
  const encodedKey = part.headers[batchHeaders.key] ?? '';
  const reply = (status: number, body?: Buffer, object?: OpenedObject): Answer => ({
    headers: {
      [batchHeaders.index]: index,
      [batchHeaders.status]: `${status} ${STATUS_CODES[status]}`,
      [batchHeaders.kind]: kind,
      [batchHeaders.key]: encodedKey,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(object ? { 'content-type': 'application/octet-stream' } : {}),
    },
    ...(body ? { body } : {}),
    ...(object ? { object } : {}),
  });
  const failure = (status: number, detail: string, causes: string[] = []) =>
    reply(status, Buffer.from(JSON.stringify({ detail, causes })));

  const stats = request.state.stats;
  stats.batchOperations[kind] = (stats.batchOperations[kind] ?? 0) + 1;
  try {
    let key: string;
    try {
      key = decodeURIComponent(encodedKey);
    } catch {
      return failure(400, 'Invalid operation key');
    }
    if (key === '') return failure(400, `Missing ${batchHeaders.key}`);
    const id = { ...scope, key };
    const objects = request.state.objects;
    switch (kind) {
      case 'head':
        // Absent is an answer, not an error: the client stores it.
        return reply((await objects.has(id)) ? 204 : 404);
      case 'get': {
        const object = await objects.open(id);
        return object ? reply(200, undefined, object) : failure(404, 'Object not found');
      }
      case 'insert': {
        const encoding = readContentEncoding(part.headers['content-encoding'], (detail) =>
          HttpError.objectStore(400, detail),
        );
        if (!isValidExpirationPolicy(part.headers[batchHeaders.expiration])) {
          return failure(400, 'Invalid expiration policy');
        }
        await objects.write(id, part.body, encoding, request.state.options.objectStoreLimits.maxObjectBytes);
        stats.objectsStored += 1;
        return reply(200, Buffer.from(JSON.stringify({ key })));
      }
      case 'delete':
        await objects.delete(id);
        return reply(204);
      default:
        return failure(400, `Unknown operation kind: ${kind || '(none)'}`);
    }
  } catch (error) {
    // A broken request body ends the whole batch, not one operation.
    if (error instanceof MultipartLimitError || error instanceof MultipartFormatError) throw error;
    if (error instanceof HttpError) return reply(error.status, Buffer.from(JSON.stringify(error.body)));
    if (error instanceof InvalidZstdError) return failure(400, 'Invalid zstd payload');
    if (error instanceof InvalidObjectKeyError) return failure(400, error.message, [error.reason]);
    if (error instanceof ObjectTooLargeError) return failure(413, 'Object too large', [error.message]);
    return failure(500, error instanceof Error ? error.message : String(error));
  } finally {
    // What an operation did not read (a refused insert, a body on a head) is skipped.
    part.body.destroy();
  }
}

/** Streams the answers in order, each `get` from its open file; the length is known before the first byte. */
async function sendAnswers(res: ServerResponse, answers: Answer[]): Promise<void> {
  const boundary = createBoundary();
  const heads = answers.map((answer) =>
    encodePartHead(answer.headers, answer.object?.size ?? answer.body?.length ?? 0, boundary),
  );
  const closing = encodeClosingBoundary(boundary);
  let length = closing.length;
  answers.forEach((answer, index) => {
    length +=
      (heads[index]?.length ?? 0) + (answer.object?.size ?? answer.body?.length ?? 0) + partEnd.length;
  });
  res.writeHead(200, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': length,
  });
  // Small pieces go out together; each object streams from its file.
  let pending: Buffer[] = [];
  const flush = async () => {
    await write(res, Buffer.concat(pending));
    pending = [];
  };
  try {
    for (const [index, answer] of answers.entries()) {
      pending.push(heads[index] as Buffer);
      if (answer.body) pending.push(answer.body);
      if (answer.object && answer.object.size > 0) {
        const { handle, size } = answer.object;
        answer.object = undefined;
        await flush();
        // Not `pipeline(…, res, { end: false })`: each call leaves its listeners on `res`.
        for await (const chunk of handle.createReadStream({ start: 0, end: size - 1, autoClose: false })) {
          await write(res, chunk as Buffer);
        }
      }
      pending.push(partEnd);
    }
    pending.push(closing);
    res.end(Buffer.concat(pending));
  } finally {
    await closeObjects(answers);
  }
}

/** Writes and waits for room, so a slow reader holds back the sender instead of filling memory. */
async function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error('The client closed the connection'));
    };
    res.on('drain', onDrain).on('close', onClose);
  });
}

async function closeObjects(answers: Answer[]): Promise<void> {
  await Promise.all(answers.map((answer) => answer.object?.handle.close()));
}
