import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import * as Multipasta from 'multipasta';

/** One part of a multipart body: its headers (lower-case names) and its body, streamed. */
export interface IncomingPart {
  headers: Record<string, string>;
  body: Readable;
}

export type MultipartLimit = 'MaxParts' | 'MaxTotalSize';

export class MultipartLimitError extends Error {
  constructor(readonly limit: MultipartLimit) {
    super(`Multipart limit reached: ${limit}`);
  }
}

export class MultipartFormatError extends Error {}

/**
 * The parts of a multipart request body, in order, each body streamed as it arrives: the request is
 * read only as fast as the consumer reads the current part's body, so a part is never held whole.
 * Destroying a part's body skips the rest of it. Throws a MultipartLimitError past `maxParts` or
 * `maxTotalSize` bytes, a MultipartFormatError for a body that is not well-formed multipart (no
 * boundary, bad headers, cut short).
 */
export async function* readMultipartParts(
  body: Readable,
  headers: IncomingHttpHeaders,
  limits: { maxParts: number; maxTotalSize: number },
): AsyncGenerator<IncomingPart> {
  const ready: IncomingPart[] = [];
  let current: Readable | undefined;
  let failure: Error | undefined;
  let done = false;
  let wake = () => {};
  const fail = (error: Error) => {
    failure ??= error;
    current?.destroy(failure);
    wake();
  };
  const parser = Multipasta.make({
    headers: { 'content-type': headers['content-type'] ?? '' },
    // Every part streams, whatever its content type.
    isFile: () => true,
    maxParts: limits.maxParts,
    maxTotalSize: limits.maxTotalSize,
    onFile: (info) => {
      const stream = new Readable({
        read: () => body.resume(),
        // A part its reader gave up on is skipped, not waited for.
        destroy: (error, callback) => {
          body.resume();
          callback(error);
        },
      });
      // Its reader, if any, hears of a failure; an unread part must not crash the process with it.
      stream.on('error', () => {});
      current = stream;
      ready.push({ headers: flattenHeaders(info.headers), body: stream });
      wake();
      return (chunk) => {
        if (chunk === null) {
          stream.push(null);
          current = undefined;
        } else if (!stream.destroyed && !stream.push(chunk)) {
          body.pause();
        }
      };
    },
    onField: () => {},
    onError: (error) => fail(toError(error)),
    onDone: () => {
      done = true;
      wake();
    },
  });
  const onData = (chunk: Buffer) => {
    try {
      parser.write(chunk);
    } catch (error) {
      fail(new MultipartFormatError(String(error)));
    }
  };
  const onEnd = () => {
    parser.end();
    if (!done) fail(new MultipartFormatError('the body ends before the closing boundary'));
  };
  const onError = (error: Error) => fail(error);
  body.on('data', onData).on('end', onEnd).on('error', onError);
  try {
    for (;;) {
      const part = ready.shift();
      if (part) yield part;
      else if (failure) throw failure;
      else if (done) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    body.off('data', onData).off('end', onEnd).off('error', onError);
    current?.destroy();
  }
}

/**
 * Values without the blanks around them, as HTTP reads a header: multipasta keeps the blank after
 * the colon when a chunk of the body ends right after it, so a `kind: head` read as ` head` and the
 * operation was no check at all (seen as a stray insert on warm uploads in the bench).
 */
function flattenHeaders(headers: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      (Array.isArray(value) ? value.join(', ') : value).trim(),
    ]),
  );
}

function toError(error: Multipasta.MultipartError): Error {
  if (error._tag === 'ReachedLimit' && (error.limit === 'MaxParts' || error.limit === 'MaxTotalSize')) {
    return new MultipartLimitError(error.limit);
  }
  const reasons: Record<string, string> = {
    InvalidBoundary: 'the content type names no boundary',
    BadHeaders: 'a part has malformed headers',
    InvalidDisposition: 'a part has no name',
    EndNotReached: 'the body ends before the closing boundary',
  };
  return new MultipartFormatError(reasons[error._tag] ?? error._tag);
}
