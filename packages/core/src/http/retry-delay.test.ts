import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelay } from './retry-delay.js';

describe('retryDelay', () => {
  it('uses full jitter over a doubling window', () => {
    expect(retryDelay(0, undefined, () => 0.999)).toBe(499);
    expect(retryDelay(3, undefined, () => 0.5)).toBe(2000);
    expect(retryDelay(20, undefined, () => 1)).toBe(30_000);
    expect(retryDelay(2, undefined, () => 0)).toBe(0);
  });

  it('follows Retry-After, bounded', () => {
    expect(retryDelay(5, 1234, () => 0)).toBe(1234);
    expect(retryDelay(0, 10 * MAX_RETRY_AFTER_MS, () => 0)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('12', now)).toBe(12_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });
});
