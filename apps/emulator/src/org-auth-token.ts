import { randomBytes } from 'node:crypto';

/** The payload Sentry puts inside an org auth token; clients read `url`/`region_url` from it. */
export interface OrgAuthTokenPayload {
  iat: number;
  url: string;
  region_url: string;
  org: string;
}

/** `sntrys_<base64 JSON payload>_<secret>`, the shape of Sentry's org auth tokens. */
export function encodeOrgAuthToken(payload: OrgAuthTokenPayload): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');
  return `sntrys_${encoded}_${randomBytes(24).toString('base64url').replaceAll(/[-_]/g, 'x')}`;
}
