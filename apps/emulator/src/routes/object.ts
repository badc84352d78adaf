import { pipeline } from 'node:stream/promises';
import { batchHeaders } from '@sentry-snapshots/core/contract';
import { authorizeObjectStore } from '../authorize-object-store.js';
import { readContentEncoding } from '../content-encoding.js';
import { isValidExpirationPolicy } from '../expiration-policy.js';
import { HttpError } from '../http-error.js';
import type { RouteHandler, RouteRequest } from '../route-request.js';
import { sendEmpty, sendJson } from '../send-response.js';
import type { ObjectId } from '../storage/object-key.js';
import { InvalidObjectKeyError } from '../storage/object-key.js';
import { ObjectTooLargeError } from '../storage/object-storage.js';
import { InvalidZstdError } from '../zstd-decoder.js';

async function objectIdOf(request: RouteRequest): Promise<ObjectId> {
  const { usecase, scopes } = await authorizeObjectStore(request);
  const key = request.params['*'] ?? '';
  if (key === '') throw HttpError.objectStore(400, 'Missing object key');
  return { usecase, scopes, key };
}

/** The object store's 400 for a key that names no file (storage refuses it), whichever operation meets it. */
function withKeyErrors(handler: RouteHandler): RouteHandler {
  return async (request) => {
    try {
      await handler(request);
    } catch (error) {
      if (error instanceof InvalidObjectKeyError) {
        throw HttpError.objectStore(400, error.message, [error.reason]);
      }
      throw error;
    }
  };
}

export const headObject = withKeyErrors(async (request) => {
  const id = await objectIdOf(request);
  sendEmpty(request.res, (await request.state.objects.has(id)) ? 204 : 404);
});

export const getObject = withKeyErrors(async (request) => {
  const id = await objectIdOf(request);
  const object = await request.state.objects.open(id);
  if (!object) throw HttpError.objectStore(404, 'Object not found');
  request.res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': object.size });
  if (object.size === 0) {
    await object.handle.close();
    request.res.end();
    return;
  }
  await pipeline(object.handle.createReadStream({ start: 0, end: object.size - 1 }), request.res);
});

export const putObject = withKeyErrors(async (request) => {
  const id = await objectIdOf(request);
  const encoding = readContentEncoding(request.req.headers['content-encoding'], (detail) =>
    HttpError.objectStore(400, detail),
  );
  const policy = request.req.headers[batchHeaders.expiration];
  if (!isValidExpirationPolicy(typeof policy === 'string' ? policy : undefined)) {
    throw HttpError.objectStore(400, 'Invalid expiration policy', [`${batchHeaders.expiration}: ${policy}`]);
  }
  const { maxObjectBytes } = request.state.options.objectStoreLimits;
  try {
    await request.state.objects.write(id, request.body, encoding, maxObjectBytes);
  } catch (error) {
    if (error instanceof InvalidZstdError) throw HttpError.objectStore(400, 'Invalid zstd payload');
    if (error instanceof ObjectTooLargeError)
      throw HttpError.objectStore(413, 'Object too large', [error.message]);
    throw error;
  }
  request.state.stats.objectsStored += 1;
  sendJson(request.res, 200, { key: id.key });
});

export const deleteObject = withKeyErrors(async (request) => {
  const id = await objectIdOf(request);
  await request.state.objects.delete(id);
  sendEmpty(request.res, 204);
});
