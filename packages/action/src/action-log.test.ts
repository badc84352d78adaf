import { describe, expect, it } from 'vitest';
import { toLogLine } from './action-log.js';

describe('toLogLine', () => {
  it('escapes line breaks and controls, so outside text cannot start a line of its own', () => {
    expect(toLogLine('Refused\x1b]0;pwned\x07\n::error::x')).toBe('Refused\\x1b]0;pwned\\x07\\n::error::x');
  });

  it('escapes the first character of a workflow command at the start, after any spaces', () => {
    expect(toLogLine('::add-mask::x')).toBe('\\x3a:add-mask::x');
    expect(toLogLine('  ::error::x')).toBe('  \\x3a:error::x');
    expect(toLogLine('##[error]x')).toBe('\\x23#[error]x');
  });

  it('leaves ordinary lines alone, colons and Unicode included', () => {
    expect(toLogLine('comparison: success · 設定 ::')).toBe('comparison: success · 設定 ::');
  });
});
