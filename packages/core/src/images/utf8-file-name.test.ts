import { describe, expect, it } from 'vitest';
import { decodeUtf8Name, escapeInvalidUtf8 } from './utf8-file-name.js';

describe('escapeInvalidUtf8', () => {
  it('keeps valid UTF-8 and shows every other byte as \\xNN', () => {
    expect(escapeInvalidUtf8(Buffer.from([0xff, 0x61, 0x2e, 0x70]))).toBe('\\xffa.p');
    expect(escapeInvalidUtf8(Buffer.from('é設定🎉'))).toBe('é設定🎉');
    // A cut sequence, an overlong encoding and an encoded surrogate are not UTF-8.
    expect(escapeInvalidUtf8(Buffer.from([0xe8, 0xa8, 0x41]))).toBe('\\xe8\\xa8A');
    expect(escapeInvalidUtf8(Buffer.from([0xc0, 0xaf]))).toBe('\\xc0\\xaf');
    expect(escapeInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\\xed\\xa0\\x80');
  });
});

describe('decodeUtf8Name', () => {
  it('decodes valid names exactly, a leading BOM and U+FFFD included', () => {
    expect(decodeUtf8Name(Buffer.from('\ufeffa\ufffd.png'))).toBe('\ufeffa\ufffd.png');
  });

  it('gives undefined for bytes no string stands for', () => {
    expect(decodeUtf8Name(Buffer.from([0x61, 0xff]))).toBeUndefined();
  });
});
