import { SnapshotsError } from '../errors.js';
import { type CallTimeouts, httpTimeoutHint } from './http-timeouts.js';

/** What went wrong below HTTP, and whether the server may have seen the request. */
export type TransportFailureKind = 'aborted' | 'connect' | 'connection' | 'response-timeout' | 'other';

export interface TransportFailure {
  kind: TransportFailureKind;
  code: string | undefined;
  error: unknown;
}

/** Failures while opening a connection: the request never reached the server. */
const connectCodes = new Set([
  'ECONNREFUSED',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** The connection broke after it was open: the server may or may not have read the request. */
const connectionCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'UND_ERR_SOCKET']);
const responseTimeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', ...responseTimeoutCodes]);

export function classifyTransportError(error: unknown, signal: AbortSignal | undefined): TransportFailure {
  const code = errorCode(error);
  if (signal?.aborted) return { kind: 'aborted', code, error };
  if (code !== undefined && connectCodes.has(code)) return { kind: 'connect', code, error };
  if (code !== undefined && connectionCodes.has(code)) return { kind: 'connection', code, error };
  if (code !== undefined && responseTimeoutCodes.has(code)) return { kind: 'response-timeout', code, error };
  return { kind: 'other', code, error };
}

/** Where a request stood when it failed, so a timeout can say which wait ran out. */
export interface FailedRequest {
  timeouts?: CallTimeouts | undefined;
  /** False while the request body was still being sent. */
  bodySent?: boolean | undefined;
}

/** The user-facing error for a failure that retries did not cure. */
export function transportError(
  failure: TransportFailure,
  url: string,
  request: FailedRequest = {},
): SnapshotsError {
  const host = new URL(url).host;
  const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
  const details = { host, ...(failure.code === undefined ? {} : { cause: failure.code }) };
  if (failure.kind === 'aborted') {
    return new SnapshotsError('ABORTED', `The request to ${host} was interrupted.`, {
      cause: failure.error,
      details,
      hint: 'It was stopped on request, not by a failure: running it again is safe.',
    });
  }
  if (failure.code !== undefined && timeoutCodes.has(failure.code)) {
    return new SnapshotsError('TIMEOUT', timeoutMessage(host, failure.code, request), {
      cause: failure.error,
      details,
      option: 'httpTimeout',
      hint: httpTimeoutHint,
    });
  }
  const code = failure.code ?? '';
  // Node's messages often hold the code already ("connect ECONNREFUSED …"): say it once.
  const because = reason === '' ? code : reason.includes(code) ? reason : `${reason} (${code})`;
  return new SnapshotsError(
    'NETWORK_ERROR',
    `Could not reach ${host}${because === '' ? '' : `: ${because}`}.`,
    {
      cause: failure.error,
      details,
      hint: networkHint(url, code),
    },
  );
}

/** A refused connection is most often a server that is not running: ask that first, then the proxy. */
function networkHint(url: string, code: string): string {
  const proxy = 'behind a proxy, set HTTPS_PROXY (and NO_PROXY for hosts to reach directly)';
  if (code === 'ECONNREFUSED') {
    return `Is the server at ${new URL(url).origin} running, and is that the right URL? If it is, ${proxy}.`;
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `Check the host name of the URL, and the network; ${proxy}.`;
  }
  return `Check the network and the URL; ${proxy}.`;
}

function timeoutMessage(host: string, code: string, request: FailedRequest): string {
  const { timeouts } = request;
  const seconds = (ms: number | undefined) => (ms === undefined ? '' : ` ${ms / 1000} s`);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `Could not connect to ${host} within${seconds(timeouts?.connectMs)} (connect timeout).`;
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return request.bodySent === false
      ? `${host} took no more of the request for${seconds(timeouts?.headersMs)} (headers timeout).`
      : `${host} sent no answer within${seconds(timeouts?.headersMs)} (headers timeout).`;
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return `${host} paused its answer for more than${seconds(timeouts?.bodyIdleMs)} (body timeout).`;
  }
  return `The request to ${host} timed out (${code}).`;
}

/** undici and Node put the code on the error or on its cause. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** An answer read into memory that did not end in time: trickled, or too slow to be one. */
export function answerTimeoutError(url: string, timeouts: CallTimeouts): SnapshotsError {
  const host = new URL(url).host;
  return new SnapshotsError(
    'TIMEOUT',
    `${host} did not finish its answer within ${(timeouts.answerMs ?? 0) / 1000} s of starting it.`,
    { details: { host, cause: 'ANSWER_TIMEOUT' }, option: 'httpTimeout', hint: httpTimeoutHint },
  );
}
