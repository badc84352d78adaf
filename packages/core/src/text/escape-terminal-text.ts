/**
 * What a terminal or a CI log could act on instead of showing: C0 controls (ESC, BEL, CR, LF…),
 * DEL, C1 controls (U+0080–U+009F, which some terminals read as ESC sequences), the Unicode line and
 * paragraph separators, bidirectional overrides and isolates (which reorder the text shown around
 * them), and lone surrogates (which no terminal can show).
 */
const unsafeCharacter =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const shortEscapes: Partial<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  return shortEscapes[character] ?? (code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
}

const hex = (code: number, digits: number) => code.toString(16).padStart(digits, '0');

/**
 * Text from outside (a server's message, a file name, a sidecar) made safe to print as one value on
 * one line: every character a terminal or CI log could act on is shown as its escape (`\x1b`, `\n`,
 * `\u202e`), so it can neither move the cursor, retitle the window, start a new log line, nor hide
 * what follows. Everything else, accents, CJK and emoji included, is kept as it is.
 */
export function escapeTerminalText(text: string): string {
  return text.replace(unsafeCharacter, escapeCharacter);
}
