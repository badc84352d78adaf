/** How deep a request's JSON may nest, as on Sentry, whose JSON reader stops at the same depth. */
export const MAX_JSON_DEPTH = 1024;

/**
 * Whether JSON text nests objects and arrays deeper than `maxDepth`, found by one pass over the
 * text (brackets inside strings do not count) before any parser or validator recurses into it.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return false;
}
