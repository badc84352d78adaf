/** Thrown by a handler to answer with a status and a JSON body; the dispatcher sends it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }

  static detail(status: number, detail: string, headers?: Record<string, string>): HttpError {
    return new HttpError(status, { detail }, headers);
  }

  /** The object store's error shape. */
  static objectStore(status: number, detail: string, causes: string[] = []): HttpError {
    return new HttpError(status, { detail, causes });
  }
}
