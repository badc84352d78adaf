/**
 * `x-sn-expiration` as the object store reads it: `manual`, or `ttl:`/`tti:` and a duration in
 * humantime's words (`30d`, `30days`, `1h 30m`). Clients re-format the policy upload-options
 * gave them (sentry-cli turns `tti:30d` into `tti:30days`), so any such spelling is accepted.
 */
const policyPattern = /^(?:manual|(?:ttl|tti):\s*(?:\d+\s*[a-zµ]+\s*)+)$/i;

export function isValidExpirationPolicy(header: string | undefined): boolean {
  return header === undefined || policyPattern.test(header.trim());
}
