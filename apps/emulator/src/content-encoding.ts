import { HttpError } from './http-error.js';

/** `zstd`, nothing, or a 400 `Unsupported Content-Encoding` as both Sentry and the object store answer. */
export function readContentEncoding(
  header: string | undefined,
  errorOf: (detail: string) => HttpError = (detail) => HttpError.detail(400, detail),
): 'zstd' | undefined {
  const encoding = header?.trim().toLowerCase();
  if (!encoding || encoding === 'identity') return undefined;
  if (encoding === 'zstd') return 'zstd';
  throw errorOf('Unsupported Content-Encoding');
}
