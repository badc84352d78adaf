import { describe, expect, it } from 'vitest';
import { escapeTerminalText } from './escape-terminal-text.js';

describe('escapeTerminalText', () => {
  it('shows escape sequences, bells and line breaks as escapes', () => {
    expect(escapeTerminalText('\x1b]0;pwned\x07title')).toBe('\\x1b]0;pwned\\x07title');
    expect(escapeTerminalText('a\n::error::x\r\tb')).toBe('a\\n::error::x\\r\\tb');
    expect(escapeTerminalText('\x00\x7f')).toBe('\\x00\\x7f');
  });

  it('escapes C1 controls, line separators and bidirectional overrides', () => {
    expect(escapeTerminalText('\u009b31m\u0085')).toBe('\\x9b31m\\x85');
    expect(escapeTerminalText('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
    expect(escapeTerminalText('invoice\u202egnp.exe')).toBe('invoice\\u202egnp.exe');
    expect(escapeTerminalText('\u2066x\u2069\u200f\u061c')).toBe('\\u2066x\\u2069\\u200f\\u061c');
  });

  it('escapes lone surrogates but keeps pairs', () => {
    expect(escapeTerminalText('a\ud800b\udc00')).toBe('a\\ud800b\\udc00');
    expect(escapeTerminalText('😀')).toBe('😀');
  });

  it('keeps ordinary text: accents, CJK, emoji, backslashes, the replacement character', () => {
    const text = 'Écran d’accueil/設定 🎉 C:\\shots\\a.png \ufffd';
    expect(escapeTerminalText(text)).toBe(text);
  });
});
