import { isSnapshotsError, SnapshotsError } from '../errors.js';
import { batchHeaders } from '../schemas/index.js';
import { readBounded } from './read-bounded.js';
import { discardAnswer, type HttpResponse } from './send-request.js';
import { answerTimeoutError, classifyTransportError, transportError } from './transport-failure.js';

/** The outcome of one operation of a batch, by its index in the request. */
export interface BatchOutcome {
  status: number;
  detail?: string;
}

// Parts carry an index, a status and at most a short error body; anything far larger is not an answer.
const MAX_PART_BYTES = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
const headerLine = (name: string) => new RegExp(`^${name}:([^\\r\\n]*)`, 'im');
const indexHeader = headerLine(batchHeaders.index);
const statusHeader = headerLine(batchHeaders.status);

/**
 * Reads a batch answer: one `multipart/form-data` part per operation, each naming its operation's
 * index and status. Other multipart types are refused, as the official client does.
 *
 * Parsed by hand rather than with a general multipart library: the answer is small and fully
 * bounded, and a Buffer scan for the boundary with latin1 headers costs a fraction of the CPU a
 * streaming parser spends on 1,000 tiny parts (the warm upload's hot spot).
 */
export async function readBatchAnswer(
  response: HttpResponse,
  operationCount: number,
): Promise<Map<number, BatchOutcome>> {
  const contentType = String(response.headers['content-type'] ?? '');
  const boundary = multipartBoundary(contentType);
  if (!/^multipart\/form-data\s*(;|$)/i.test(contentType) || boundary === undefined) {
    await discardAnswer(response);
    throw new SnapshotsError(
      'OBJECT_STORE_ERROR',
      `The object store answered a batch with '${contentType}'.`,
      {
        status: response.statusCode,
      },
    );
  }
  const maxParts = Math.max(1, operationCount);
  const body = await readBatchBody(response, (maxParts + 1) * MAX_PART_BYTES);
  try {
    const outcomes = new Map<number, BatchOutcome>();
    for (const part of splitParts(body, boundary, maxParts)) {
      const index = Number(headerValue(part.headerText, indexHeader));
      const status = Number.parseInt(headerValue(part.headerText, statusHeader) ?? '', 10);
      if (!Number.isInteger(index) || Number.isNaN(status)) continue;
      const detail = status >= 300 ? partDetail(part.content.toString('utf8')) : undefined;
      outcomes.set(index, { status, ...(detail === undefined ? {} : { detail }) });
    }
    return outcomes;
  } catch (error) {
    throw new SnapshotsError(
      'OBJECT_STORE_ERROR',
      'The object store sent a batch answer that cannot be read.',
      {
        cause: error,
        status: response.statusCode,
      },
    );
  }
}

/** The `boundary` parameter of a multipart content type, quoted or not. */
function multipartBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** The whole answer, bounded by the operations it answers and by the answer's time. */
async function readBatchBody(response: HttpResponse, maxBytes: number): Promise<Buffer> {
  let read: Awaited<ReturnType<typeof readBounded>>;
  try {
    read = await readBounded(response.body, {
      maxBytes,
      deadlineMs: response.timeouts.answerMs,
      onDeadline: () => answerTimeoutError(response.url, response.timeouts),
    });
  } catch (error) {
    if (isSnapshotsError(error)) throw error;
    const failure = classifyTransportError(error, undefined);
    throw transportError(failure, response.url, { timeouts: response.timeouts });
  }
  if (read.truncated) {
    throw new SnapshotsError(
      'OBJECT_STORE_ERROR',
      `The object store's answer to a batch is larger than ${maxBytes} bytes, more than its operations can need.`,
      { status: response.statusCode, details: { maxBytes } },
    );
  }
  return read.bytes;
}

interface AnswerPart {
  /** The part's header lines, CRLF-separated. */
  headerText: string;
  content: Buffer;
}

/** The parts between `--boundary` delimiters (RFC 2046, section 5.1.1), up to the closing `--boundary--`. */
function* splitParts(body: Buffer, boundary: string, maxParts: number): Generator<AnswerPart> {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let at = body.indexOf(delimiter);
  if (at === -1) throw new Error('The batch answer has no boundary.');
  let count = 0;
  for (;;) {
    at += delimiter.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return;
    // Transport padding may follow the delimiter before its line ends.
    const lineEnd = body.indexOf(CRLF, at);
    if (lineEnd === -1) throw new Error('The batch answer ends inside a delimiter.');
    if (++count > maxParts) throw new Error(`The batch answer has more than ${maxParts} parts.`);
    const headersStart = lineEnd + 2;
    let contentStart: number;
    let headerText: string;
    if (body[headersStart] === 0x0d && body[headersStart + 1] === 0x0a) {
      headerText = '';
      contentStart = headersStart + 2;
    } else {
      const headersEnd = body.indexOf(HEADERS_END, headersStart);
      if (headersEnd === -1) throw new Error('The batch answer ends inside part headers.');
      headerText = body.toString('latin1', headersStart, headersEnd);
      contentStart = headersEnd + 4;
    }
    const contentEnd = body.indexOf(nextDelimiter, contentStart);
    if (contentEnd === -1) throw new Error('The batch answer ends inside a part.');
    yield { headerText, content: body.subarray(contentStart, contentEnd) };
    at = contentEnd + 2;
  }
}

/** The value of one header line; only two of a part's headers matter, so no header map is built. */
function headerValue(headerText: string, name: RegExp): string | undefined {
  return name.exec(headerText)?.[1]?.trim();
}

function partDetail(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'detail' in body && typeof body.detail === 'string') {
      return body.detail;
    }
  } catch {
    // Not JSON: the text itself is the best detail there is.
  }
  return text === '' ? undefined : text.slice(0, 200);
}
