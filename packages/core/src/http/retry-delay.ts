/** Backoff of the first retry; it doubles with each further attempt up to `BACKOFF_CAP_MS`. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
/** A server may ask for a long pause; a CI job should not sit idle longer than this per retry. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * How long to wait before retry number `attempt` (0 for the first retry): the server's
 * `Retry-After` when it gave one, else exponential backoff with full jitter so that many
 * parallel uploads hitting the same limit do not come back in lockstep.
 */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, random: () => number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

/** `Retry-After` in milliseconds: delta seconds or an HTTP date, relative to `now`. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
