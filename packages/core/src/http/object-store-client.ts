import pLimit from 'p-limit';
import type { Dispatcher } from 'undici';
import { isSnapshotsError, SnapshotsError } from '../errors.js';
import { batchHeaders, batchLimits, type ObjectStoreOptions } from '../schemas/index.js';
import { userAgent } from '../version.js';
import type { World } from '../world.js';
import { answerDetail, readAnswer } from './api-error.js';
import { type BatchOutcome, readBatchAnswer } from './batch-answer.js';
import { type BatchOperation, encodeBatchRequest } from './batch-request.js';
import type { CallKind } from './http-timeouts.js';
import { keyPath, objectKey, scopesPath } from './object-path.js';
import { createObjectStoreToken } from './object-store-token.js';
import { planBatches } from './plan-batches.js';
import {
  createHttpContext,
  discardAnswer,
  type HttpContext,
  type HttpResponse,
  type HttpStats,
  idempotentRetry,
  type RequestBody,
  sendRequest,
  withoutAuthorization,
} from './send-request.js';

export interface ObjectStoreClientOptions {
  /** From `getUploadOptions`. */
  options: ObjectStoreOptions;
  /** Fetches fresh options (a new JWT); called before the token expires and once after a 401. */
  refresh: () => Promise<ObjectStoreOptions>;
  /** Requests in flight at once; 8 unless set. */
  concurrency?: number;
  /** Use the batch endpoint; true unless set. */
  batch?: boolean;
  /** Retries after the first attempt; else `SENTRY_HTTP_MAX_RETRIES`, else 5. */
  maxRetries?: number;
  /** Extra headers on every object-store request; an `Authorization` among them is dropped. */
  headers?: Record<string, string>;
  /** The HTTP timeout; else the world's, else `SENTRY_HTTP_TIMEOUT`, else 20 s. */
  timeoutMs?: number;
}

export interface StoreObject {
  hash: string;
  size: number;
  read: () => Promise<Buffer | Uint8Array>;
}

export interface ObjectStoreClient {
  /** `{orgId}/{projectId}/{contentHash}` from the scopes. */
  objectKey(contentHash: string): string;
  /**
   * The hashes the store does not hold. A check that fails counts as missing, since storing again
   * is safe; with `failuresThrow`, for a caller that only verifies, it throws instead.
   */
  findMissing(
    hashes: readonly string[],
    onProgress?: (done: number, total: number) => void,
    options?: { failuresThrow?: boolean },
  ): Promise<Set<string>>;
  /** Stores every object: small ones in batches, those over 1 MiB alone as a PUT. */
  store(
    objects: readonly StoreObject[],
    onProgress?: (done: number, total: number, bytes: number) => void,
  ): Promise<{ stored: number; bytesSent: number }>;
  readonly stats: Readonly<HttpStats>;
}

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_MAX_RETRIES = 5;

export function createObjectStoreClient(init: ObjectStoreClientOptions, world: World): ObjectStoreClient {
  const context = createHttpContext(
    {
      timeoutMs: init.timeoutMs,
      maxRetries: init.maxRetries,
      defaultMaxRetries: DEFAULT_MAX_RETRIES,
    },
    world,
  );
  const { stats } = context;
  const concurrency = Math.max(1, init.concurrency ?? DEFAULT_CONCURRENCY);
  // Bounds whole operations (reading a file, sending, reading the answer), never work that waits
  // on other operations, so nested use cannot deadlock and big files are read only when sent.
  const slot = pLimit(concurrency);
  const customHeaders = withoutAuthorization(init.headers ?? {});
  const token = createObjectStoreToken(init.options, init.refresh, world.clock);
  let latest = init.options;
  // Learned from a 404/405 on the batch endpoint; kept for the client's life.
  let batchAvailable = init.batch ?? true;

  function headersFor(
    options: ObjectStoreOptions,
    extra: Record<string, string> = {},
  ): Record<string, string> {
    return {
      'user-agent': userAgent,
      ...customHeaders,
      // The store gets its own JWT, never the Sentry token.
      ...(options.authToken ? { [batchHeaders.auth]: `Bearer ${options.authToken}` } : {}),
      ...extra,
    };
  }

  function writeHeaders(options: ObjectStoreOptions): Record<string, string> {
    return {
      ...(options.expirationPolicy ? { [batchHeaders.expiration]: options.expirationPolicy } : {}),
      'content-type': 'application/octet-stream',
    };
  }

  const objectUrl = (options: ObjectStoreOptions, hash: string) =>
    `${options.url}/v1/objects/${encodeURIComponent(options.usecase)}/${scopesPath(options.scopes)}/${keyPath(objectKey(options.scopes, hash))}`;
  const batchUrl = (options: ObjectStoreOptions) =>
    `${options.url}/v1/objects:batch/${encodeURIComponent(options.usecase)}/${scopesPath(options.scopes)}/`;

  /**
   * Runs one call's requests under their own abort signal, so the first failure stops its
   * siblings instead of leaving them running after the call has rejected.
   */
  async function together<T>(work: (run: HttpContext) => Promise<T>): Promise<T> {
    const stop = new AbortController();
    const signal = world.signal === undefined ? stop.signal : AbortSignal.any([world.signal, stop.signal]);
    try {
      return await work({ ...context, signal });
    } catch (error) {
      stop.abort(error);
      throw error;
    }
  }

  /** Sends with the current token; on a 401 renews it once and sends again. */
  async function sendAuthorized(
    run: HttpContext,
    build: (options: ObjectStoreOptions) => {
      method: Dispatcher.HttpMethod;
      url: string;
      headers: Record<string, string>;
      body?: () => RequestBody;
      kind?: CallKind;
    },
  ): Promise<HttpResponse> {
    let options = await token.current();
    latest = options;
    let response = await sendRequest(run, { ...build(options), retry: idempotentRetry });
    if (response.statusCode !== 401) return response;
    await discardAnswer(response);
    options = await token.renewAfterRejection(options);
    latest = options;
    response = await sendRequest(run, { ...build(options), retry: idempotentRetry });
    if (response.statusCode !== 401) return response;
    const detail = answerDetail((await readAnswer(response)).body);
    throw new SnapshotsError(
      'OBJECT_STORE_UNAUTHORIZED',
      `The object store refused its token, even a fresh one${detail === undefined ? '' : `: ${detail}`}.`,
      {
        status: 401,
        hint: 'The upload options gave a token the store does not accept; check the Sentry URL and the clock of this machine.',
      },
    );
  }

  async function failureOf(response: HttpResponse, what: string): Promise<SnapshotsError> {
    const detail = answerDetail((await readAnswer(response)).body);
    return new SnapshotsError(
      'OBJECT_STORE_ERROR',
      `The object store failed to ${what} (${response.statusCode}${detail === undefined ? '' : `: ${detail}`}).`,
      { status: response.statusCode, ...(detail === undefined ? {} : { details: { detail } }) },
    );
  }

  /** True when present; every failure but an abort or a refused token reads as absent, unless `failuresThrow`. */
  async function headOne(run: HttpContext, hash: string, failuresThrow: boolean): Promise<boolean> {
    try {
      const response = await sendAuthorized(run, (options) => ({
        method: 'HEAD',
        url: objectUrl(options, hash),
        headers: headersFor(options),
      }));
      const present = isSuccess(response.statusCode);
      if (failuresThrow && !present && response.statusCode !== 404)
        throw await failureOf(response, `check ${hash}`);
      await discardAnswer(response);
      return present;
    } catch (error) {
      if (failuresThrow || !isCheckTolerable(error)) throw error;
      world.logger.debug('object check failed; storing it anyway', { hash, error: String(error) });
      return false;
    }
  }

  async function putOne(run: HttpContext, object: StoreObject): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await object.read();
    } catch (error) {
      throw new SnapshotsError('IMAGE_UNREADABLE', `Could not read the bytes of object ${object.hash}.`, {
        cause: error,
      });
    }
    const response = await sendAuthorized(run, (options) => ({
      method: 'PUT',
      url: objectUrl(options, object.hash),
      headers: headersFor(options, writeHeaders(options)),
      body: () => bytes,
      kind: 'transfer',
    }));
    if (response.statusCode < 200 || response.statusCode >= 300)
      throw await failureOf(response, `store ${object.hash}`);
    // A 2xx means stored; the echoed key is not needed.
    await discardAnswer(response);
  }

  /** Outcomes by operation index, or undefined when the store has no batch endpoint. */
  async function sendBatch(
    run: HttpContext,
    operations: (options: ObjectStoreOptions) => BatchOperation[],
    count: number,
    what: string,
  ): Promise<Map<number, BatchOutcome> | undefined> {
    const response = await sendAuthorized(run, (options) => {
      const batch = operations(options);
      const request = encodeBatchRequest(batch, writeHeaders(options));
      return {
        method: 'POST',
        url: batchUrl(options),
        headers: headersFor(options, { 'content-type': request.contentType }),
        body: request.body,
        // Inserts carry up to a batch's bytes; checks are small calls.
        kind: batch.some((operation) => operation.read !== undefined) ? 'transfer' : 'api',
      };
    });
    if (response.statusCode === 404 || response.statusCode === 405) {
      await discardAnswer(response);
      world.logger.debug('the object store has no batch endpoint; using single requests', {
        status: response.statusCode,
      });
      batchAvailable = false;
      return undefined;
    }
    if (response.statusCode !== 200) throw await failureOf(response, what);
    return readBatchAnswer(response, count);
  }

  return {
    get stats() {
      return stats;
    },

    objectKey(contentHash) {
      return objectKey(latest.scopes, contentHash);
    },

    findMissing: (hashes, onProgress, { failuresThrow = false } = {}) =>
      together(async (run) => {
        const unique = [...new Set(hashes)];
        const missing = new Set<string>();
        let done = 0;
        const settle = (hash: string, present: boolean) => {
          if (!present) missing.add(hash);
          onProgress?.(++done, unique.length);
        };
        const checkOneByOne = (chunk: readonly string[]) =>
          Promise.all(
            chunk.map(async (hash) => settle(hash, await slot(() => headOne(run, hash, failuresThrow)))),
          );
        const checkBatch = async (chunk: readonly string[]) => {
          if (!batchAvailable) return checkOneByOne(chunk);
          const outcomes = await slot(() =>
            sendBatch(
              run,
              (options) => chunk.map((hash) => ({ kind: 'head', key: objectKey(options.scopes, hash) })),
              chunk.length,
              'check objects',
            ),
          ).catch((error: unknown) => {
            if (failuresThrow || !isCheckTolerable(error)) throw error;
            world.logger.debug('batch check failed; storing its objects anyway', { error: String(error) });
            return new Map<number, BatchOutcome>();
          });
          if (outcomes === undefined) return checkOneByOne(chunk);
          chunk.forEach((hash, index) => {
            const status = outcomes.get(index)?.status;
            if (failuresThrow && !isSuccess(status) && status !== 404) {
              throw new SnapshotsError(
                'OBJECT_STORE_ERROR',
                `The object store could not say whether object ${hash} exists (${status ?? 'no answer'}).`,
                { ...(status === undefined ? {} : { status }) },
              );
            }
            settle(hash, isSuccess(status));
          });
        };

        // Full batches: a check is light on both ends, and splitting a full batch of hashes over
        // the parallel requests made a warm upload slower against the emulator (measured in the
        // bench, bench/results/latest.md).
        await Promise.all(
          batchAvailable
            ? planBatches(unique, () => 0, batchLimits, 1).map(checkBatch)
            : [checkOneByOne(unique)],
        );
        return missing;
      }),

    store: (objects, onProgress) =>
      together(async (run) => {
        const unique = [...new Map(objects.map((object) => [object.hash, object])).values()];
        let stored = 0;
        let bytesSent = 0;
        const settle = (object: StoreObject) => {
          stored++;
          bytesSent += object.size;
          onProgress?.(stored, unique.length, bytesSent);
        };
        const putOneByOne = (list: readonly StoreObject[]) =>
          Promise.all(
            list.map(async (object) => {
              await slot(() => putOne(run, object));
              settle(object);
            }),
          );
        const storeBatch = async (batch: readonly StoreObject[]) => {
          if (!batchAvailable) return putOneByOne(batch);
          const outcomes = await slot(() =>
            sendBatch(
              run,
              (options) =>
                batch.map((object) => ({
                  kind: 'insert',
                  key: objectKey(options.scopes, object.hash),
                  read: object.read,
                })),
              batch.length,
              'store objects',
            ),
          ).catch((error: unknown) => {
            // 413: the store's limit is below ours; single PUTs still fit.
            if (isSnapshotsError(error) && error.status === 413) return undefined;
            throw error;
          });
          if (outcomes === undefined) return putOneByOne(batch);
          const failed = batch.filter((object, index) => {
            if (!isSuccess(outcomes.get(index)?.status)) return true;
            settle(object);
            return false;
          });
          if (failed.length > 0) {
            world.logger.debug('batch inserts failed; storing them one by one', { count: failed.length });
            await putOneByOne(failed);
          }
        };

        const large = unique.filter((object) => object.size > batchLimits.maxInlineObjectBytes);
        const small = unique.filter((object) => object.size <= batchLimits.maxInlineObjectBytes);
        await Promise.all([
          putOneByOne(large),
          ...(batchAvailable
            ? planBatches(small, (object) => object.size, batchLimits, concurrency).map(storeBatch)
            : [putOneByOne(small)]),
        ]);
        return { stored, bytesSent };
      }),
  };
}

function isSuccess(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

/** Failures after which an object may simply be stored again; an abort or a refused token is not one. */
function isCheckTolerable(error: unknown): boolean {
  return isSnapshotsError(error) && error.code !== 'ABORTED' && error.code !== 'OBJECT_STORE_UNAUTHORIZED';
}
