import { SnapshotsError } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { isOutage } from './outage-policy.js';

describe('isOutage', () => {
  it('lets fail-on-error: false forgive trouble on Sentry’s side only', () => {
    expect(isOutage(new SnapshotsError('NETWORK_ERROR', 'reset'))).toBe(true);
    expect(isOutage(new SnapshotsError('SERVER_ERROR', '503', { status: 503 }))).toBe(true);
    expect(isOutage(new SnapshotsError('RATE_LIMITED', '429', { status: 429 }))).toBe(true);
    expect(isOutage(new SnapshotsError('WAIT_TIMEOUT', 'still pending'))).toBe(true);
    expect(isOutage(new SnapshotsError('API_ERROR', 'bad gateway', { status: 502 }))).toBe(true);

    expect(isOutage(new SnapshotsError('API_ERROR', 'bad request', { status: 400 }))).toBe(false);
    expect(isOutage(new SnapshotsError('UNAUTHORIZED', 'bad token', { status: 401 }))).toBe(false);
    expect(isOutage(new SnapshotsError('INVALID_OPTION', 'bad input'))).toBe(false);
    expect(isOutage(new SnapshotsError('CHANGES_DETECTED', '1 changed'))).toBe(false);
  });
});
