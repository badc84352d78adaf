import { SnapshotsError } from '@sentry-snapshots/core';

/** A `--timeout`-like flag in seconds (fractions allowed), as milliseconds. */
export function parseSeconds(flag: string, value: string, example: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new SnapshotsError('INVALID_OPTION', `${flag} must be a number of seconds, got "${value}".`, {
      hint: `Pass e.g. ${flag} ${example}.`,
    });
  }
  return seconds * 1000;
}
