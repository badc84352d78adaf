import { describe, expect, it } from 'vitest';
import { batchOperationKey, keyPath, objectKey, scopesPath } from './object-path.js';

const scopes: [string, string][] = [
  ['org', '1'],
  ['project', '2'],
];

describe('object paths', () => {
  it('builds the key from the org and project scopes, whatever their order', () => {
    expect(objectKey(scopes, 'ab12')).toBe('1/2/ab12');
    expect(objectKey([...scopes].reverse(), 'ab12')).toBe('1/2/ab12');
  });

  it('keeps the scopes in the given order and encodes names and values', () => {
    expect(scopesPath(scopes)).toBe('org=1;project=2');
    expect(scopesPath([...scopes].reverse())).toBe('project=2;org=1');
    expect(scopesPath([['org', 'a b;c']])).toBe('org=a%20b%3Bc');
  });

  it('encodes each key segment on its own', () => {
    expect(keyPath('1/2/a b?#')).toBe('1/2/a%20b%3F%23');
  });

  it('percent-encodes every non-alphanumeric byte of a batch key', () => {
    expect(batchOperationKey('1/2/aZ9-_.~é')).toBe('1%2F2%2FaZ9%2D%5F%2E%7E%C3%A9');
  });

  it('refuses scopes without a project', () => {
    expect(() => objectKey([['org', '1']], 'h')).toThrow(/project/);
  });
});
