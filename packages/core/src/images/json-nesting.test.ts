import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-nesting.js';

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, a top-level object being level 1', () => {
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 2)).toBe(true);
    expect(nestsDeeperThan('1', 0)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan('{"a":"[[[{{{\\"[[[","b":"\\\\"}', 1)).toBe(false);
  });

  it('measures 100,000 levels without recursion', () => {
    const deep = `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(nestsDeeperThan(deep, 100)).toBe(true);
    expect(nestsDeeperThan(deep, 100_001)).toBe(false);
  });
});
