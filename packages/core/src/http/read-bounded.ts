/** What was read of a body: at most the bound, and whether the body went on past it. */
export interface BoundedBytes {
  /** Empty when the body went past the bound and no excerpt was asked for. */
  bytes: Buffer;
  truncated: boolean;
}

export interface ReadBoundedOptions {
  maxBytes: number;
  /** Past the bound, keep the first `maxBytes` (an error's excerpt) rather than drop them. */
  keepExcerpt?: boolean;
  /** The whole read must end within this; then the body is destroyed with `onDeadline()`. */
  deadlineMs?: number | undefined;
  onDeadline?: () => Error;
}

/**
 * Reads a body up to `maxBytes`. Past the bound it stops and destroys the body, which closes the
 * connection: a huge answer is neither held in memory nor downloaded to its end. Hand-written
 * because the readers at hand (undici's `text()`, `raw-body`) either read everything or throw the
 * bytes away, while an error answer wants its first bytes kept as an excerpt.
 */
export async function readBounded(
  body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown },
  options: ReadBoundedOptions,
): Promise<BoundedBytes> {
  const { maxBytes } = options;
  const chunks: Buffer[] = [];
  let length = 0;
  let late: Error | undefined;
  const timer =
    options.deadlineMs === undefined
      ? undefined
      : setTimeout(() => {
          late =
            options.onDeadline?.() ?? new Error(`The answer did not end within ${options.deadlineMs} ms.`);
          body.destroy(late);
        }, options.deadlineMs);
  timer?.unref();
  try {
    for await (const chunk of body) {
      const room = maxBytes - length;
      if (chunk.length > room) {
        if (!options.keepExcerpt) return { bytes: Buffer.alloc(0), truncated: true };
        if (room > 0) chunks.push(chunk.subarray(0, room));
        // Leaving the loop destroys the stream.
        return { bytes: Buffer.concat(chunks, maxBytes), truncated: true };
      }
      chunks.push(chunk);
      length += chunk.length;
    }
  } catch (error) {
    throw late ?? error;
  } finally {
    clearTimeout(timer);
  }
  return { bytes: Buffer.concat(chunks, length), truncated: false };
}
