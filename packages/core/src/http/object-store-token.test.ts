import { describe, expect, it } from 'vitest';
import type { ObjectStoreOptions } from '../schemas/index.js';
import { createFakeClock } from './loopback-server.testing.js';
import { createObjectStoreToken, tokenExpiry } from './object-store-token.js';

const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;
const optionsWith = (authToken: string | null): ObjectStoreOptions => ({
  url: 'http://store',
  usecase: 'preprod',
  scopes: [
    ['org', '1'],
    ['project', '2'],
  ],
  authToken,
  expirationPolicy: 'tti:30d',
});

describe('tokenExpiry', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads the JWT exp, else assumes an hour, and never expires no token', () => {
    expect(tokenExpiry(jwt({ exp: now / 1000 + 1800 }), now)).toBe(now + 1_800_000);
    expect(tokenExpiry('opaque', now)).toBe(now + 3_600_000);
    expect(tokenExpiry(jwt({ exp: now / 1000 - 60 }), now)).toBe(now + 3_600_000);
    expect(tokenExpiry(null, now)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('createObjectStoreToken', () => {
  it('renews before the hour ends, once for parallel callers', async () => {
    const clock = createFakeClock();
    let refreshes = 0;
    const token = createObjectStoreToken(
      optionsWith('first'),
      async () => optionsWith(`next-${++refreshes}`),
      clock,
    );

    expect((await token.current()).authToken).toBe('first');
    await clock.sleep(54 * 60 * 1000);
    expect((await token.current()).authToken).toBe('first');
    await clock.sleep(2 * 60 * 1000);
    const [a, b] = await Promise.all([token.current(), token.current()]);
    expect([a.authToken, b.authToken]).toEqual(['next-1', 'next-1']);
    expect(refreshes).toBe(1);
  });

  it('renews after a rejection only when no one else already did', async () => {
    let refreshes = 0;
    const token = createObjectStoreToken(
      optionsWith('first'),
      async () => optionsWith(`next-${++refreshes}`),
      createFakeClock(),
    );
    const rejected = await token.current();
    expect((await token.renewAfterRejection(rejected)).authToken).toBe('next-1');
    expect((await token.renewAfterRejection(rejected)).authToken).toBe('next-1');
    expect(refreshes).toBe(1);
  });
});
