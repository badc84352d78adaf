import { expect, it } from 'vitest';
import { maskToken } from './mask-token.js';

it('keeps the kind and last four characters of a token, nothing more', () => {
  expect(maskToken('sntrys_eyJpYXQiOjE3MDAwMDAwMDB9_abcdWXYZ')).toBe('sntrys_…WXYZ');
  expect(maskToken('0123456789abcdef0123456789abcdef')).toBe('…cdef');
  expect(maskToken('short')).toBe('…');
});
