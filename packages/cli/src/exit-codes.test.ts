import { SnapshotsError } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from './exit-codes.js';

describe('exitCodeFor', () => {
  it.each([
    ['INVALID_OPTION', 10],
    ['MISSING_OPTION', 10],
    ['MISSING_AUTH_TOKEN', 11],
    ['MISSING_APP_ID', 11],
    ['PATH_NOT_FOUND', 20],
    ['NO_IMAGES', 20],
    ['UNAUTHORIZED', 30],
    ['FORBIDDEN', 30],
    ['NOT_FOUND', 31],
    ['PROJECT_RENAMED', 31],
    ['API_ERROR', 40],
    ['RATE_LIMITED', 40],
    ['SERVER_ERROR', 40],
    ['NETWORK_ERROR', 41],
    ['TIMEOUT', 41],
    ['CHANGES_DETECTED', 50],
    ['COMPARISON_FAILED', 51],
    ['WAIT_TIMEOUT', 51],
    ['ABORTED', 130],
  ] as const)('%s → %i', (code, exitCode) => {
    expect(exitCodeFor(new SnapshotsError(code, 'x'))).toBe(exitCode);
  });

  it('gives 1 to anything unexpected', () => {
    expect(exitCodeFor(new TypeError('boom'))).toBe(1);
    expect(exitCodeFor('string')).toBe(1);
  });
});
