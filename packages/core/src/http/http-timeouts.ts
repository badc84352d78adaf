import { SnapshotsError } from '../errors.js';
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

/** `SENTRY_HTTP_TIMEOUT` (`[http] timeout` of `.sentryclirc`) in seconds, when set. */
function timeoutFromEnv(env: Env): number | undefined {
  const value = env.SENTRY_HTTP_TIMEOUT?.trim();
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new SnapshotsError(
      'INVALID_CONFIG_VALUE',
      `SENTRY_HTTP_TIMEOUT must be a number of seconds above 0, not '${value}'.`,
      { hint: 'Set it (or [http] timeout in .sentryclirc) to e.g. 20.' },
    );
  }
  return seconds * 1000;
}

/** The HTTP timeout: the caller's, else `SENTRY_HTTP_TIMEOUT`, else 20 s. */
export function resolveHttpTimeoutMs(explicitMs: number | undefined, env: Env): number {
  if (explicitMs !== undefined) {
    if (!Number.isFinite(explicitMs) || explicitMs <= 0) {
      throw new SnapshotsError('INVALID_OPTION', `The HTTP timeout must be above 0 ms, not ${explicitMs}.`, {
        hint: 'Pass e.g. --http-timeout 20 (CLI) or httpTimeoutMs: 20000 (SDK).',
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

/** Names the setting in a hint, for every frontend. */
export const httpTimeoutHint =
  'If the server or the link is only slow, raise the HTTP timeout: --http-timeout or SENTRY_HTTP_TIMEOUT ' +
  '(seconds; [http] timeout in .sentryclirc), httpTimeoutMs in the SDK, http-timeout in the action.';
