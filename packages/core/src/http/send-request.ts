import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { isSnapshotsError, SnapshotsError } from '../errors.js';
import type { Clock, Env, Logger, World } from '../world.js';
import { createDefaultDispatcher } from './default-dispatcher.js';
import { type CallKind, type CallTimeouts, callTimeouts, resolveHttpTimeoutMs } from './http-timeouts.js';
import { parseRetryAfter, retryDelay } from './retry-delay.js';
import { classifyTransportError, type TransportFailure, transportError } from './transport-failure.js';
import { request } from './undici-parts.js';

export type RequestBody = string | Uint8Array | AsyncIterable<Uint8Array>;

/** Counters a client exposes; every attempt counts. */
export interface HttpStats {
  requests: number;
  bytesSent: number;
}

/** What every request of one client shares. */
export interface HttpContext {
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  signal: AbortSignal | undefined;
  maxRetries: number;
  /** The HTTP timeout every call's timeouts derive from. */
  timeoutMs: number;
  stats: HttpStats;
  random: () => number;
}

/** Transport settings a client was given; what it leaves out has the dispatcher's defaults. */
export interface HttpSettings {
  /** The HTTP timeout; else the world's, else `SENTRY_HTTP_TIMEOUT`, else 20 s. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt, when the caller set them. */
  maxRetries?: number | undefined;
  /** The client's own default, under `SENTRY_HTTP_MAX_RETRIES`. */
  defaultMaxRetries: number;
}

/** `SENTRY_HTTP_MAX_RETRIES` (sentry-cli's `[http] max_retries`), when set. */
function retriesFromEnv(env: Env): number | undefined {
  const value = env.SENTRY_HTTP_MAX_RETRIES?.trim();
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) {
    throw new SnapshotsError(
      'INVALID_CONFIG_VALUE',
      `SENTRY_HTTP_MAX_RETRIES must be a whole number of retries, not '${value}'.`,
      { hint: 'Set it (or [http] max_retries in .sentryclirc) to 0 or more.' },
    );
  }
  return Number(value);
}

/** The shared context of one client: the world's dispatcher, or a proxy-aware default. */
export function createHttpContext(settings: HttpSettings, world: World): HttpContext {
  const timeoutMs = resolveHttpTimeoutMs(settings.timeoutMs ?? world.httpTimeoutMs, world.env);
  return {
    // A dispatcher from the world keeps its own connect timeout (undici's default is 10 s).
    dispatcher: world.dispatcher ?? createDefaultDispatcher(world.env, { connectTimeoutMs: timeoutMs }),
    clock: world.clock,
    logger: world.logger,
    signal: world.signal,
    maxRetries: settings.maxRetries ?? retriesFromEnv(world.env) ?? settings.defaultMaxRetries,
    timeoutMs,
    stats: { requests: 0, bytesSent: 0 },
    random: Math.random,
  };
}

/**
 * Custom headers without `Authorization`: each client sends its own credentials (the Sentry token,
 * or the object store's JWT), which a custom header must neither replace nor leak to the store.
 */
export function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'),
  );
}

/** Which failures a call may retry: only those after which sending again is safe. */
export interface RetryRule {
  status(status: number): boolean;
  failure(failure: TransportFailure): boolean;
}

/** GET, HEAD and every object-store call: sending twice does no harm. */
export const idempotentRetry: RetryRule = {
  status: (status) => status === 429 || status >= 500,
  failure: (failure) => failure.kind !== 'aborted' && failure.kind !== 'other',
};

export interface RequestSpec {
  method: Dispatcher.HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** Called once per attempt, so a streamed body is produced anew for a retry. */
  body?: () => RequestBody;
  retry: RetryRule;
  /** Which timeouts apply; `api` unless set. */
  kind?: CallKind | undefined;
}

/** A response with what its readers need to report a failure of its body. */
export interface HttpResponse extends Dispatcher.ResponseData {
  url: string;
  timeouts: CallTimeouts;
}

/**
 * Timeouts are retried once: a server that did not answer within the timeout twice is stuck, and
 * every further attempt would add a whole timeout to the time the user waits for the failure.
 */
const MAX_TIMED_OUT_ATTEMPTS = 2;

/**
 * Request bodies go out in slices of at most this size: undici refreshes its headers timeout on
 * each write the server made us wait for, so with small slices it measures a stall of the
 * upload, and a slow one that keeps moving never fails. (One large buffer is a single write:
 * its timer would run from the first byte to the last.)
 */
const SEND_SLICE_BYTES = 64 * 1024;

/**
 * Sends a request, retrying what `spec.retry` allows with backoff (or the server's
 * `Retry-After`). Resolves with the last response, whose body the caller must consume; a
 * transport failure that retries did not cure rejects with a `SnapshotsError`.
 *
 * A small loop rather than undici's retry interceptor: it sleeps on the world's clock (tests
 * drive it), rebuilds streamed bodies per attempt, and keeps the status/failure rules per call.
 */
export async function sendRequest(context: HttpContext, spec: RequestSpec): Promise<HttpResponse> {
  const timeouts = callTimeouts(context.timeoutMs, spec.kind ?? 'api');
  let timedOut = 0;
  for (let attempt = 0; ; attempt++) {
    const retriesLeft = attempt < context.maxRetries;
    let response: Dispatcher.ResponseData;
    const progress = { bodySent: spec.body === undefined };
    try {
      context.stats.requests++;
      const body = spec.body === undefined ? undefined : prepareBody(spec.body(), context.stats, progress);
      response = await request(spec.url, {
        method: spec.method,
        headers: { ...spec.headers, ...body?.headers },
        body: body?.body ?? null,
        dispatcher: context.dispatcher,
        signal: context.signal,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyIdleMs,
      });
    } catch (error) {
      // Raised while producing the body (an unreadable file): not the network's fault.
      if (isSnapshotsError(error)) throw error;
      const failure = classifyTransportError(error, context.signal);
      if (isTimeout(failure)) timedOut++;
      if (!retriesLeft || !spec.retry.failure(failure) || timedOut >= MAX_TIMED_OUT_ATTEMPTS) {
        throw transportError(failure, spec.url, { timeouts, bodySent: progress.bodySent });
      }
      await pause(context, spec, attempt, undefined, failure.code ?? failure.kind);
      continue;
    }
    if (!retriesLeft || !spec.retry.status(response.statusCode)) {
      return Object.assign(response, { url: spec.url, timeouts });
    }
    const retryAfter = parseRetryAfter(response.headers['retry-after'], context.clock.now());
    await discardAnswer(Object.assign(response, { url: spec.url, timeouts }));
    await pause(context, spec, attempt, retryAfter, `status ${response.statusCode}`);
  }
}

function isTimeout(failure: TransportFailure): boolean {
  return failure.kind === 'response-timeout' || failure.code === 'UND_ERR_CONNECT_TIMEOUT';
}

/** The most of an unwanted answer read before its connection is closed instead. */
const DISCARD_BYTES = 64 * 1024;

/**
 * Reads an unwanted answer to its end so the connection can be reused, within the answer's time
 * and a small bound; a body that breaks, drags or is large only costs the connection.
 */
export async function discardAnswer(response: HttpResponse): Promise<void> {
  const { answerMs } = response.timeouts;
  await response.body
    .dump({
      limit: DISCARD_BYTES,
      ...(answerMs === undefined ? {} : { signal: AbortSignal.timeout(answerMs) }),
    })
    .catch(() => undefined);
}

async function pause(
  context: HttpContext,
  spec: RequestSpec,
  attempt: number,
  retryAfterMs: number | undefined,
  reason: string,
): Promise<void> {
  const delay = retryDelay(attempt, retryAfterMs, context.random);
  context.logger.debug('retrying request', { method: spec.method, url: spec.url, reason, delay });
  try {
    await context.clock.sleep(delay, context.signal);
  } catch (error) {
    throw transportError({ kind: 'aborted', code: undefined, error }, spec.url);
  }
}

interface PreparedBody {
  body: string | Uint8Array | Readable;
  headers?: Record<string, string>;
}

/** Counts the bytes sent, and streams a large buffer in slices (see `SEND_SLICE_BYTES`). */
function prepareBody(body: RequestBody, stats: HttpStats, progress: { bodySent: boolean }): PreparedBody {
  if (typeof body === 'string') {
    stats.bytesSent += Buffer.byteLength(body);
    progress.bodySent = true;
    return { body };
  }
  if (body instanceof Uint8Array && body.byteLength <= SEND_SLICE_BYTES) {
    stats.bytesSent += body.byteLength;
    progress.bodySent = true;
    return { body };
  }
  const chunks = body instanceof Uint8Array ? [body] : body;
  return {
    body: Readable.from(
      (async function* () {
        for await (const chunk of chunks) {
          for (let at = 0; at < chunk.byteLength; at += SEND_SLICE_BYTES) {
            const slice = chunk.subarray(at, at + SEND_SLICE_BYTES);
            stats.bytesSent += slice.byteLength;
            yield slice;
          }
        }
        progress.bodySent = true;
      })(),
      { objectMode: false },
    ),
    // A buffer keeps its known length: the store gets a plain body, not a chunked one.
    ...(body instanceof Uint8Array ? { headers: { 'content-length': String(body.byteLength) } } : {}),
  };
}
