import { describe, expect, it } from 'vitest';
import { isValidExpirationPolicy } from './expiration-policy.js';

describe('isValidExpirationPolicy', () => {
  it.each(['tti:30d', 'tti:30days', 'ttl:1h 30m', 'manual', 'TTI:7d'])('accepts %s', (policy) => {
    expect(isValidExpirationPolicy(policy)).toBe(true);
  });

  it('accepts no header at all', () => {
    expect(isValidExpirationPolicy(undefined)).toBe(true);
  });

  it.each(['', 'forever', 'tti:', 'tti:d30', '30d', 'ttx:30d'])('refuses %j', (policy) => {
    expect(isValidExpirationPolicy(policy)).toBe(false);
  });
});
