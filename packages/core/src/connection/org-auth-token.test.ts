import { describe, expect, it } from 'vitest';
import { parseOrgAuthToken } from './org-auth-token.js';

const secret = Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '');

function token(payload: unknown, encoding: 'base64' | 'base64url' = 'base64'): string {
  return `sntrys_${Buffer.from(JSON.stringify(payload)).toString(encoding)}_${secret}`;
}

describe('parseOrgAuthToken', () => {
  it('reads org, url and region url from the payload', () => {
    const payload = { iat: 1, org: 'acme', url: 'https://sentry.io', region_url: 'https://us.sentry.io' };
    expect(parseOrgAuthToken(token(payload))).toEqual({
      org: 'acme',
      url: 'https://sentry.io',
      regionUrl: 'https://us.sentry.io',
    });
  });

  it('accepts a base64url payload, even one that holds "_"', () => {
    const payload = { org: 'acme', url: 'https://x.example/???' };
    const encoded = token(payload, 'base64url');
    expect(encoded.split('_')).toHaveLength(4);
    expect(parseOrgAuthToken(encoded)).toEqual({ org: 'acme', url: payload.url });
  });

  it('treats an old token without url as having none', () => {
    expect(parseOrgAuthToken(token({ org: 'acme', url: null, region_url: 'https://de.sentry.io' }))).toEqual({
      org: 'acme',
      regionUrl: 'https://de.sentry.io',
    });
  });

  it.each([
    'sntryu_abcdef',
    'plain-token',
    'sntrys_',
    'sntrys_notbase64json_secret',
    token({ url: 'https://sentry.io' }),
    token([1, 2]),
  ])('answers undefined for %j', (value) => {
    expect(parseOrgAuthToken(value)).toBeUndefined();
  });
});
