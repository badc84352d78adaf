import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it('reads plain seconds and the units ms, s, m and h', () => {
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('1.5')).toBe(1_500);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration(' 10m ')).toBe(600_000);
    expect(parseDuration('1h')).toBe(3_600_000);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', 'ten', '-5', '5 minutes', '1d', '1e3', 'Infinity', '10mm']) {
      expect(parseDuration(text), text).toBeUndefined();
    }
  });
});
