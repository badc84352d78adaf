import { describe, expect, it } from 'vitest';
import type { SnapshotsError } from '../errors.js';
import { collectConnection, DEFAULT_SENTRY_URL, resolveConnection } from './resolve-connection.js';

const orgToken = (payload: Record<string, unknown>) =>
  `sntrys_${Buffer.from(JSON.stringify(payload)).toString('base64')}_${'a'.repeat(43)}`;

describe('resolveConnection', () => {
  it('prefers options over env and defaults the URL', () => {
    expect(
      resolveConnection(
        { authToken: 'opt', org: 'o1', project: 'p1' },
        { SENTRY_AUTH_TOKEN: 'env', SENTRY_ORG: 'o2', SENTRY_PROJECT: 'p2' },
      ),
    ).toEqual({ authToken: 'opt', org: 'o1', project: 'p1', url: DEFAULT_SENTRY_URL });
  });

  it('fills everything from SENTRY_* env vars', () => {
    expect(
      resolveConnection(
        {},
        { SENTRY_AUTH_TOKEN: 't', SENTRY_ORG: 'o', SENTRY_PROJECT: 'p', SENTRY_URL: 'https://self.example/' },
      ),
    ).toEqual({ authToken: 't', org: 'o', project: 'p', url: 'https://self.example/' });
  });

  it('takes org and URL from an org auth token', () => {
    const authToken = orgToken({
      org: 'acme',
      url: 'https://acme.example/',
      region_url: 'https://us.example',
    });
    expect(resolveConnection({ authToken, project: 'web' }, {})).toEqual({
      authToken,
      org: 'acme',
      project: 'web',
      url: 'https://acme.example/',
    });
  });

  it('falls back to the region URL of an old token without url', () => {
    const authToken = orgToken({ org: 'acme', url: null, region_url: 'https://de.sentry.io' });
    expect(resolveConnection({ authToken, project: 'web' }, {}).url).toBe('https://de.sentry.io');
  });

  it('refuses an org or URL that contradicts the token', () => {
    const authToken = orgToken({ org: 'acme', url: 'https://acme.example/', region_url: '' });
    expect(() => resolveConnection({ authToken, project: 'web', org: 'other' }, {})).toThrow(
      expect.objectContaining({ code: 'CONFLICTING_CONFIG' }),
    );
    expect(() =>
      resolveConnection({ authToken, project: 'web', url: 'https://elsewhere.example' }, {}),
    ).toThrow(expect.objectContaining({ code: 'CONFLICTING_CONFIG' }));
    // The same values are fine, with or without a trailing slash.
    expect(
      resolveConnection({ authToken, project: 'web', org: 'acme', url: 'https://acme.example' }, {}).url,
    ).toBe('https://acme.example/');
  });

  it('lets a dry run go without a token', () => {
    expect(resolveConnection({ org: 'o', project: 'p' }, {}, { tokenOptional: true })).toEqual({
      org: 'o',
      project: 'p',
      url: DEFAULT_SENTRY_URL,
    });
  });

  it('reads without a project when the caller does not require one', () => {
    const authToken = orgToken({ org: 'acme', url: 'https://acme.example/' });
    expect(resolveConnection({ authToken }, {}, { requireProject: false })).toEqual({
      authToken,
      org: 'acme',
      url: 'https://acme.example/',
    });
    expect(
      resolveConnection({ authToken }, { SENTRY_PROJECT: ' web ' }, { requireProject: false }).project,
    ).toBe('web');
    expect(() => resolveConnection({}, { SENTRY_PROJECT: 'p' }, { requireProject: false })).toThrow(
      expect.objectContaining({ code: 'MISSING_AUTH_TOKEN' }),
    );
  });

  it.each([
    [{}, 'MISSING_AUTH_TOKEN', 'authToken'],
    [{ SENTRY_AUTH_TOKEN: 't' }, 'MISSING_ORG', 'org'],
    [{ SENTRY_AUTH_TOKEN: 't', SENTRY_ORG: 'o' }, 'MISSING_PROJECT', 'project'],
    [{ SENTRY_AUTH_TOKEN: '  ', SENTRY_ORG: 'o', SENTRY_PROJECT: 'p' }, 'MISSING_AUTH_TOKEN', 'authToken'],
  ])('reports what is missing, naming the option each frontend spells (%j)', (env, code, option) => {
    expect(() => resolveConnection({}, env)).toThrow(expect.objectContaining({ code, option }));
  });

  it('collects every problem for doctor, with what could be resolved', () => {
    const problems: SnapshotsError[] = [];
    const authToken = orgToken({ org: 'acme', url: 'https://acme.example/' });
    expect(collectConnection({ authToken, org: 'other' }, {}, {}, problems)).toEqual({
      authToken,
      org: 'other',
      url: 'https://acme.example/',
    });
    expect(problems.map(({ code, option }) => [code, option])).toEqual([
      ['CONFLICTING_CONFIG', 'org'],
      ['MISSING_PROJECT', 'project'],
    ]);
  });
});
