import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryOutputPath } from './entry-output-path.js';

const root = resolve('/tmp/out');

describe('entryOutputPath', () => {
  it('places nested names inside the output folder', () => {
    expect(entryOutputPath(root, 'home.png')).toBe(join(root, 'home.png'));
    expect(entryOutputPath(root, 'settings/profile dark.png')).toBe(
      join(root, 'settings', 'profile dark.png'),
    );
    expect(entryOutputPath(root, 'a/./b..c.png')).toBe(join(root, 'a', 'b..c.png'));
  });

  it.each([
    ['../evil.png', 'climbs out'],
    ['a/../../evil.png', 'climbs out'],
    ['..', 'climbs out'],
    ['/etc/passwd', 'absolute path'],
    ['C:/Windows/evil.png', 'absolute path'],
    ['c:evil.png', 'absolute path'],
    ['..\\evil.png', 'backslash'],
    ['a\\b.png', 'backslash'],
    ['', 'empty'],
    ['a\0.png', 'invalid name'],
    ['.', 'outside the output folder'],
    ['./', 'outside the output folder'],
  ])('refuses %j', (name, reason) => {
    expect(() => entryOutputPath(root, name)).toThrow(
      expect.objectContaining({ code: 'UNSAFE_ARCHIVE', message: expect.stringContaining(reason) }),
    );
  });
});
