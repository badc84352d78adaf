import { describe, expect, it } from 'vitest';
import { escapeTerminalText } from './escape-terminal-text.js';
import { stringifyJsonForTerminal } from './stringify-json-for-terminal.js';

describe('stringifyJsonForTerminal', () => {
  it('writes every control and bidi character as an escape, and reads back as the same value', () => {
    const value = { detail: '\x1b]0;pwned\x07\n::error::x \u009b31m \u202e \u2028 \x7f', name: '設定 é 🎉' };
    const text = stringifyJsonForTerminal(value);
    // Nothing is left for escapeTerminalText to escape, but the line breaks of the indentation.
    for (const line of text.split('\n')) expect(escapeTerminalText(line)).toBe(line);
    expect(text).toContain('設定 é 🎉');
    expect(JSON.parse(text)).toEqual(value);
  });
});
