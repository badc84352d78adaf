import { isSnapshotsError } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { parseHeaders } from './parse-header.js';

describe('parseHeaders', () => {
  it('splits at the first colon and trims both sides', () => {
    expect(parseHeaders(['X-One: 1', 'X-Url:https://a.example/b', 'X-Empty:'])).toEqual({
      'X-One': '1',
      'X-Url': 'https://a.example/b',
      'X-Empty': '',
    });
  });

  it.each(['no-colon', ':value', 'bad name: x'])('refuses %j as a usage error naming the flag', (value) => {
    let caught: unknown;
    try {
      parseHeaders([value]);
    } catch (error) {
      caught = error;
    }
    expect(isSnapshotsError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'INVALID_OPTION', details: { flag: '--header', value } });
    expect((caught as Error).message).toContain('expected KEY:VALUE');
  });
});
