import { getMultipartBoundary } from '@remix-run/multipart-parser';
import { parseMultipartStream } from '@remix-run/multipart-parser/node';
import type { Dispatcher } from 'undici';
import { SnapshotsError } from '../errors.js';
import { batchHeaders } from '../schemas/index.js';

/** The outcome of one operation of a batch, by its index in the request. */
export interface BatchOutcome {
  status: number;
  detail?: string;
}

/**
 * Reads a batch answer: one `multipart/form-data` part per operation, each naming its operation's
 * index and status. Other multipart types are refused, as the official client does.
 */
export async function readBatchAnswer(
  response: Dispatcher.ResponseData,
  operationCount: number,
): Promise<Map<number, BatchOutcome>> {
  const contentType = String(response.headers['content-type'] ?? '');
  const boundary = getMultipartBoundary(contentType);
  if (!/^multipart\/form-data\s*(;|$)/i.test(contentType) || boundary === null) {
    await response.body.dump();
    throw new SnapshotsError(
      'OBJECT_STORE_ERROR',
      `The object store answered a batch with '${contentType}'.`,
      {
        status: response.statusCode,
      },
    );
  }
  const outcomes = new Map<number, BatchOutcome>();
  try {
    for await (const part of parseMultipartStream(response.body, {
      boundary,
      maxParts: Math.max(1, operationCount),
    })) {
      const index = Number(part.headers[batchHeaders.index]);
      const status = Number.parseInt(part.headers[batchHeaders.status] ?? '', 10);
      if (!Number.isInteger(index) || Number.isNaN(status)) continue;
      const detail = status >= 300 ? partDetail(part.text) : undefined;
      outcomes.set(index, { status, ...(detail === undefined ? {} : { detail }) });
    }
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
  return outcomes;
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
