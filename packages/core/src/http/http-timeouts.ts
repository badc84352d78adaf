import { SnapshotsError } from '../errors.js';
import { parseDuration } from '../options/parse-duration.js';
import type { Env } from '../world.js';

/**
 * The HTTP timeout when nothing sets one. Every single wait on a server (connecting, its answer,
 * a pause in a transfer) fails after it, so a stuck call fails in well under a minute, while a
 * slow transfer that keeps moving never does.
 */
export const DEFAULT_HTTP_TIMEOUT_MS = 20_000;

/**
 * What a call does, for its timeouts: a small JSON call of the API, the create POST (the server
 * builds the snapshot before it answers), an object-store transfer, or an archive download.
 */
export type CallKind = 'api' | 'create' | 'transfer' | 'download';

/** The timeouts of one call, in milliseconds, derived from the one HTTP timeout. */
export interface CallTimeouts {
  /** Opening the connection; set on the default dispatcher. */
  connectMs: number;
  /**
   * undici's `headersTimeout`: waiting for the answer once the request is sent, and any stall of
   * the request body (undici refreshes it on every write that had to wait for the server).
   */
  headersMs: number;
  /** undici's `bodyTimeout`: the longest gap between two chunks of the answer. */
  bodyIdleMs: number;
  /** The whole answer of a call whose answer is read into memory; none for a download. */
  answerMs: number | undefined;
}

/** `SENTRY_HTTP_TIMEOUT` (`[http] timeout` of `.sentryclirc`), when set: seconds, or with a unit. */
function timeoutFromEnv(env: Env): number | undefined {
  const value = env.SENTRY_HTTP_TIMEOUT?.trim();
  if (value === undefined || value === '') return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) {
    throw new SnapshotsError(
      'INVALID_CONFIG_VALUE',
      `SENTRY_HTTP_TIMEOUT must be a duration above 0 (seconds, or 20s, 1m), not '${value}'.`,
      { option: 'httpTimeout' },
    );
  }
  return ms;
}

/** The HTTP timeout: the caller's, else `SENTRY_HTTP_TIMEOUT`, else 20 s. */
export function resolveHttpTimeoutMs(explicitMs: number | undefined, env: Env): number {
  if (explicitMs !== undefined) {
    if (!Number.isFinite(explicitMs) || explicitMs <= 0) {
      throw new SnapshotsError('INVALID_OPTION', `The HTTP timeout must be above 0 ms, not ${explicitMs}.`, {
        option: 'httpTimeout',
      });
    }
    return explicitMs;
  }
  return timeoutFromEnv(env) ?? DEFAULT_HTTP_TIMEOUT_MS;
}

/**
 * Per kind of call: the create POST may wait three timeouts for its answer (the server works
 * before answering), a transfer two (the tail of the body still travels and the store writes it
 * after undici has handed over the last byte). Answers read into memory must end within two
 * timeouts of their headers, so a body trickled just under the idle timeout cannot hold us.
 */
export function callTimeouts(timeoutMs: number, kind: CallKind): CallTimeouts {
  const headersFactor = kind === 'create' ? 3 : kind === 'transfer' ? 2 : 1;
  return {
    connectMs: timeoutMs,
    headersMs: timeoutMs * headersFactor,
    bodyIdleMs: timeoutMs,
    answerMs: kind === 'download' ? undefined : timeoutMs * 2,
  };
}

/** What a timeout error advises; each frontend adds how to set the timeout. */
export const httpTimeoutHint = 'A higher HTTP timeout helps when the server or the link is only slow.';
