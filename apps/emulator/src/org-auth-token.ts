import { randomBytes } from 'node:crypto';

/** The payload Sentry puts inside an org auth token; clients read `url`/`region_url` from it. */
export interface OrgAuthTokenPayload {
  iat: number;
  url: string;
  region_url: string;
  org: string;
}

/**
 * `sntrys_<base64 JSON payload>_<secret>`, the shape of Sentry's org auth tokens. Clients check
 * the shape: standard base64 for both parts, and a secret of 32 bytes without padding.
 */
export function encodeOrgAuthToken(payload: OrgAuthTokenPayload): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');
  const secret = randomBytes(32).toString('base64').replace(/=+$/, '');
  return `sntrys_${encoded}_${secret}`;
}
