/** Characters a terminal may act on that `JSON.stringify` leaves as they are (C1 controls, bidi overrides). */
const UNSAFE_CHARACTERS = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A value from outside (a server's answer, an archive) as one short, quoted line for a message:
 * `JSON.stringify` escapes control characters, the rest are escaped here, and a long value is cut.
 */
export function shownValue(value: unknown, maxLength = 60): string {
  const text = (JSON.stringify(value) ?? String(value)).replace(
    UNSAFE_CHARACTERS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
