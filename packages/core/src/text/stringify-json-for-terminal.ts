/**
 * What JSON.stringify leaves raw that a terminal could act on: DEL, C1 controls, the line and
 * paragraph separators, and bidirectional marks, overrides and isolates. (It already escapes C0
 * controls and lone surrogates.)
 */
const rawUnsafeCharacter = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `JSON.stringify(value, null, indent)` with every character a terminal could act on written as a
 * `\uXXXX` escape: the same JSON value, safe to print whatever strings came from outside.
 */
export function stringifyJsonForTerminal(value: unknown, indent = 2): string {
  // JSON has no text for undefined (or a function): say what it was rather than fail.
  return (JSON.stringify(value, null, indent) ?? String(value)).replace(
    rawUnsafeCharacter,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
