import type { ObjectStoreOptions } from '../schemas/index.js';
import type { Clock } from '../world.js';

/** The object-store JWT lives an hour; renew it this long before it ends. */
const RENEW_MARGIN_MS = 5 * 60 * 1000;
const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export interface ObjectStoreToken {
  /** The options to use now, renewed first when the token is about to expire. */
  current(): Promise<ObjectStoreOptions>;
  /** After a 401 with `rejected`: renews once, unless another request already did. */
  renewAfterRejection(rejected: ObjectStoreOptions): Promise<ObjectStoreOptions>;
}

export function createObjectStoreToken(
  initial: ObjectStoreOptions,
  refresh: () => Promise<ObjectStoreOptions>,
  clock: Clock,
): ObjectStoreToken {
  let options = initial;
  let expiresAt = tokenExpiry(initial.authToken, clock.now());
  let renewal: Promise<ObjectStoreOptions> | undefined;

  // One renewal at a time: parallel requests that all see an old token share it.
  function renew(): Promise<ObjectStoreOptions> {
    renewal ??= refresh()
      .then((next) => {
        options = next;
        expiresAt = tokenExpiry(next.authToken, clock.now());
        return next;
      })
      .finally(() => {
        renewal = undefined;
      });
    return renewal;
  }

  return {
    async current() {
      if (renewal !== undefined) return renewal;
      return clock.now() >= expiresAt - RENEW_MARGIN_MS ? renew() : options;
    },
    async renewAfterRejection(rejected) {
      if (renewal !== undefined) return renewal;
      return options === rejected ? renew() : options;
    },
  };
}

/** The JWT's `exp` when it has one, else an hour from when it was received; never for no token. */
export function tokenExpiry(token: string | null | undefined, receivedAt: number): number {
  if (token === null || token === undefined || token === '') return Number.POSITIVE_INFINITY;
  const payload = token.split('.')[1];
  if (payload !== undefined) {
    try {
      const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
      // An `exp` already (nearly) past says more about clock skew than the token: ignore it.
      if (typeof exp === 'number' && exp * 1000 > receivedAt + RENEW_MARGIN_MS) return exp * 1000;
    } catch {
      // Not a readable JWT: assume the documented lifetime.
    }
  }
  return receivedAt + TOKEN_LIFETIME_MS;
}
