import { describe, expect, it } from 'vitest';
import { normalizeImagePrefix, parseImageFolder, prefixedName } from './image-folder.js';

describe('parseImageFolder', () => {
  it('reads DIR and DIR=PREFIX, the prefix after the last =', () => {
    expect(parseImageFolder('app/build/outputs/roborazzi')).toEqual({ path: 'app/build/outputs/roborazzi' });
    expect(parseImageFolder('app/build=app')).toEqual({ path: 'app/build', prefix: 'app' });
    expect(parseImageFolder('a=b=feature/login/')).toEqual({ path: 'a=b', prefix: 'feature/login' });
    expect(parseImageFolder('a=b=')).toEqual({ path: 'a=b' });
    expect(() => parseImageFolder('=app')).toThrow(/has a prefix but no path/);
  });

  it('refuses prefixes that are not relative name paths', () => {
    for (const bad of ['a//b', '../up', 'a/./b', 'a\\b']) {
      expect(() => normalizeImagePrefix(bad, 'prefix')).toThrow(/is not a relative name path/);
    }
    expect(normalizeImagePrefix(' /modules/app/ ', 'prefix')).toBe('modules/app');
    expect(normalizeImagePrefix('', 'prefix')).toBeUndefined();
    expect(prefixedName('app', 'home.png')).toBe('app/home.png');
    expect(prefixedName(undefined, 'home.png')).toBe('home.png');
  });
});
