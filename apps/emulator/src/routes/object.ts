import { batchHeaders } from '@sentry-snapshots/core';
import { authorizeObjectStore } from '../authorize-object-store.js';
import { readContentEncoding } from '../content-encoding.js';
import { isValidExpirationPolicy } from '../expiration-policy.js';
import { HttpError } from '../http-error.js';
import type { RouteHandler, RouteRequest } from '../route-request.js';
import { sendEmpty, sendJson } from '../send-response.js';
import type { ObjectId } from '../storage/object-storage.js';
import { InvalidZstdError } from '../zstd-decoder.js';

async function objectIdOf(request: RouteRequest): Promise<ObjectId> {
  const { usecase, scopes } = await authorizeObjectStore(request);
  const key = request.params['*'] ?? '';
  if (key === '') throw HttpError.objectStore(400, 'Missing object key');
  return { usecase, scopes, key };
}

export const headObject: RouteHandler = async (request) => {
  const id = await objectIdOf(request);
  const size = await request.state.objects.size(id);
  if (size === undefined) sendEmpty(request.res, 404);
  else sendEmpty(request.res, 204);
};

export const getObject: RouteHandler = async (request) => {
  const id = await objectIdOf(request);
  const size = await request.state.objects.size(id);
  if (size === undefined) throw HttpError.objectStore(404, 'Object not found');
  request.res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
  request.state.objects.read(id).pipe(request.res);
};

export const putObject: RouteHandler = async (request) => {
  const id = await objectIdOf(request);
  const encoding = readContentEncoding(request.req.headers['content-encoding'], (detail) =>
    HttpError.objectStore(400, detail),
  );
  const policy = request.req.headers[batchHeaders.expiration];
  if (!isValidExpirationPolicy(typeof policy === 'string' ? policy : undefined)) {
    throw HttpError.objectStore(400, 'Invalid expiration policy', [`${batchHeaders.expiration}: ${policy}`]);
  }
  try {
    await request.state.objects.write(id, request.body, encoding);
  } catch (error) {
    if (error instanceof InvalidZstdError) throw HttpError.objectStore(400, 'Invalid zstd payload');
    throw error;
  }
  request.state.stats.objectsStored += 1;
  sendJson(request.res, 200, { key: id.key });
};

export const deleteObject: RouteHandler = async (request) => {
  const id = await objectIdOf(request);
  await request.state.objects.delete(id);
  sendEmpty(request.res, 204);
};
