import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format-bytes.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1234, '1.2 kB'],
    [1_234_567, '1.2 MB'],
    [5_000_000_000, '5 GB'],
  ])('%i → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [84.4, '84 ms'],
    [1834, '1.83 s'],
    [65_000, '65.0 s'],
  ])('%f → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
