import { describe, expect, it } from 'vitest';
import { parseSeconds } from './parse-seconds.js';

describe('parseSeconds', () => {
  it('turns seconds, fractions included, into milliseconds', () => {
    expect(parseSeconds('--timeout', '600', '600')).toBe(600_000);
    expect(parseSeconds('--timeout', '0.5', '600')).toBe(500);
    expect(parseSeconds('--timeout', '0', '600')).toBe(0);
  });

  it.each(['', ' ', 'soon', '-1', 'Infinity'])('refuses %j with a usage error naming the flag', (value) => {
    expect(() => parseSeconds('--wait-timeout', value, '600')).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: `--wait-timeout must be a number of seconds, got "${value}".`,
        hint: 'Pass e.g. --wait-timeout 600.',
      }),
    );
  });
});
