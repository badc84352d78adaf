import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { isSnapshotsError, SnapshotsError } from '../errors.js';
import type { Clock, Env, Logger, World } from '../world.js';
import { createDefaultDispatcher } from './default-dispatcher.js';
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
  headersTimeoutMs: number | undefined;
  stats: HttpStats;
  random: () => number;
}

/** Transport settings a client was given; what it leaves out has the dispatcher's defaults. */
export interface HttpSettings {
  connectTimeoutMs?: number | undefined;
  headersTimeoutMs?: number | undefined;
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
  const { connectTimeoutMs } = settings;
  return {
    dispatcher:
      world.dispatcher ??
      createDefaultDispatcher(world.env, connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
    clock: world.clock,
    logger: world.logger,
    signal: world.signal,
    maxRetries: settings.maxRetries ?? retriesFromEnv(world.env) ?? settings.defaultMaxRetries,
    headersTimeoutMs: settings.headersTimeoutMs,
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
}

/**
 * Sends a request, retrying what `spec.retry` allows with backoff (or the server's
 * `Retry-After`). Resolves with the last response, whose body the caller must consume; a
 * transport failure that retries did not cure rejects with a `SnapshotsError`.
 *
 * A small loop rather than undici's retry interceptor: it sleeps on the world's clock (tests
 * drive it), rebuilds streamed bodies per attempt, and keeps the status/failure rules per call.
 */
export async function sendRequest(context: HttpContext, spec: RequestSpec): Promise<Dispatcher.ResponseData> {
  for (let attempt = 0; ; attempt++) {
    const retriesLeft = attempt < context.maxRetries;
    let response: Dispatcher.ResponseData;
    try {
      context.stats.requests++;
      response = await request(spec.url, {
        method: spec.method,
        headers: spec.headers,
        body: spec.body === undefined ? null : countBytes(spec.body(), context.stats),
        dispatcher: context.dispatcher,
        signal: context.signal,
        ...(context.headersTimeoutMs === undefined ? {} : { headersTimeout: context.headersTimeoutMs }),
      });
    } catch (error) {
      // Raised while producing the body (an unreadable file): not the network's fault.
      if (isSnapshotsError(error)) throw error;
      const failure = classifyTransportError(error, context.signal);
      if (!retriesLeft || !spec.retry.failure(failure)) throw transportError(failure, spec.url);
      await pause(context, spec, attempt, undefined, failure.code ?? failure.kind);
      continue;
    }
    if (!retriesLeft || !spec.retry.status(response.statusCode)) return response;
    const retryAfter = parseRetryAfter(response.headers['retry-after'], context.clock.now());
    // A body that breaks while being discarded changes nothing: the attempt is retried anyway.
    await response.body.dump().catch(() => undefined);
    await pause(context, spec, attempt, retryAfter, `status ${response.statusCode}`);
  }
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

function countBytes(body: RequestBody, stats: HttpStats): string | Uint8Array | Readable {
  if (typeof body === 'string') {
    stats.bytesSent += Buffer.byteLength(body);
    return body;
  }
  if (body instanceof Uint8Array) {
    stats.bytesSent += body.byteLength;
    return body;
  }
  return Readable.from(
    (async function* () {
      for await (const chunk of body) {
        stats.bytesSent += chunk.byteLength;
        yield chunk;
      }
    })(),
    { objectMode: false },
  );
}
