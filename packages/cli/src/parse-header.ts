import { SnapshotsError } from '@sentry-snapshots/core';

/** `--header KEY:VALUE` (repeatable) → a header map; the value may itself hold colons. */
export function parseHeaders(values: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    const name = colon < 0 ? '' : value.slice(0, colon).trim();
    if (name === '' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new SnapshotsError('INVALID_OPTION', `Invalid header "${value}": expected KEY:VALUE.`, {
        hint: 'Write it as --header "X-Name: value" (the name must be a valid HTTP header name).',
        details: { flag: '--header', value },
      });
    }
    headers[name] = value.slice(colon + 1).trim();
  }
  return headers;
}
