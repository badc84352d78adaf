/** An HTTP header name (RFC 9110's token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `KEY:VALUE` entries (the CLI's repeated `--header`, `CUSTOM_HEADER`, the action's lines) as a
 * header map; a value may itself hold colons. Returns the first bad entry instead when there is one.
 */
export function parseHeaders(
  entries: readonly string[],
): { headers: Record<string, string> } | { invalid: string } {
  const headers: Record<string, string> = {};
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? '' : entry.slice(0, colon).trim();
    if (!HEADER_NAME.test(name)) return { invalid: entry };
    headers[name] = entry.slice(colon + 1).trim();
  }
  return { headers };
}
