const PREFIX = 'sntrys_';

/** What an org auth token (`sntrys_<base64 JSON>_<secret>`) says about itself. */
export interface OrgAuthTokenPayload {
  org: string;
  /** The Sentry URL the token was made on; missing in some old tokens. */
  url?: string;
  /** The organization's region (e.g. `https://us.sentry.io`). */
  regionUrl?: string;
}

/**
 * Reads the payload of an org auth token, or `undefined` for any other kind of token. The payload
 * is standard base64 in Sentry's tokens; base64url is accepted too since Node decodes both.
 */
export function parseOrgAuthToken(token: string): OrgAuthTokenPayload | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  // The secret never holds `_`; base64url payloads may, so split at the last one.
  const end = token.lastIndexOf('_');
  if (end <= PREFIX.length) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(token.slice(PREFIX.length, end), 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { org, url, region_url: regionUrl } = payload as Record<string, unknown>;
  if (typeof org !== 'string' || org === '') return undefined;
  return {
    org,
    ...(typeof url === 'string' && url !== '' ? { url } : {}),
    ...(typeof regionUrl === 'string' && regionUrl !== '' ? { regionUrl } : {}),
  };
}
