const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The longest UTF-8 sequence that starts at `at` and decodes, as text; `undefined` when none does. */
function decodeSequenceAt(bytes: Uint8Array, at: number): { text: string; length: number } | undefined {
  for (let length = 1; length <= 4 && at + length <= bytes.length; length++) {
    try {
      return { text: strictUtf8.decode(bytes.subarray(at, at + length)), length };
    } catch {
      // A sequence cut short so far, or bytes UTF-8 never allows: try one byte more.
    }
  }
  return undefined;
}

/**
 * A file name read as bytes, shown as text: what is valid UTF-8 as itself, every other byte as
 * `\xNN`, so a name the file system holds but no string can is still named exactly in a warning.
 */
export function escapeInvalidUtf8(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; ) {
    const sequence = decodeSequenceAt(bytes, at);
    if (sequence) {
      text += sequence.text;
      at += sequence.length;
    } else {
      text += `\\x${bytes[at]!.toString(16).padStart(2, '0')}`;
      at += 1;
    }
  }
  return text;
}

/** The name as a string when it is valid UTF-8; `undefined` when no string can stand for it exactly. */
export function decodeUtf8Name(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
