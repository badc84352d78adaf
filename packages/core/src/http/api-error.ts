import { SnapshotsError } from '../errors.js';
import { ApiErrorBodySchema, ProjectRenamedBodySchema } from '../schemas/index.js';
import { readBounded } from './read-bounded.js';
import type { HttpResponse } from './send-request.js';
import { answerTimeoutError, classifyTransportError, transportError } from './transport-failure.js';

/** What a request was about, so an error can name it. */
export interface ApiTarget {
  org: string;
  project?: string;
  artifactId?: string;
}

export interface ApiAnswer {
  status: number;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
}

/** What an error answer is read for: its `detail`, or an excerpt of what a proxy sent instead. */
export const ERROR_EXCERPT_BYTES = 8 * 1024;
/** The bound of an answer whose schema holds a few fields (an organization, upload options…). */
export const SMALL_ANSWER_BYTES = 1024 * 1024;

/**
 * Reads an answer up to a bound: a success up to `maxBytes` (past it, `INVALID_RESPONSE`), an
 * error up to an excerpt of `ERROR_EXCERPT_BYTES`, the rest left unread. Sentry answers JSON, but
 * a proxy in the way may answer HTML: what is not JSON comes back as text.
 */
export async function readAnswer(response: HttpResponse, maxBytes = SMALL_ANSWER_BYTES): Promise<ApiAnswer> {
  const status = response.statusCode;
  const success = status >= 200 && status < 300;
  const limit = success ? maxBytes : ERROR_EXCERPT_BYTES;
  let read: Awaited<ReturnType<typeof readBounded>>;
  try {
    read = await readBounded(response.body, {
      maxBytes: limit,
      keepExcerpt: !success,
      deadlineMs: response.timeouts.answerMs,
      onDeadline: () => answerTimeoutError(response.url, response.timeouts),
    });
  } catch (error) {
    const failure = classifyTransportError(error, undefined);
    if (failure.kind === 'other') throw error;
    throw transportError(failure, response.url, { timeouts: response.timeouts });
  }
  if (read.truncated && success) {
    const host = new URL(response.url).host;
    throw new SnapshotsError('INVALID_RESPONSE', `The answer of ${host} is larger than ${limit} bytes.`, {
      status,
      details: { host, maxBytes: limit },
      hint: 'No answer of this API is that large: a proxy or a server that is not Sentry may have answered.',
    });
  }
  const text = read.bytes.toString('utf8');
  try {
    return { status, body: text === '' ? undefined : JSON.parse(text) };
  } catch {
    return { status, body: text };
  }
}

/** The server's `detail` as one line, or a short excerpt of a body that has none. */
export function answerDetail(body: unknown): string | undefined {
  const parsed = ApiErrorBodySchema.safeParse(body);
  const detail = parsed.success
    ? parsed.data.detail
    : typeof body === 'string'
      ? body.slice(0, 200)
      : undefined;
  if (detail === undefined || detail === null || detail === '') return undefined;
  return typeof detail === 'string' ? detail : JSON.stringify(detail);
}

/** Maps a non-success answer of the Sentry API to the error the user sees. */
export function apiError(answer: ApiAnswer, target: ApiTarget, what: string): SnapshotsError {
  const { status } = answer;
  const detail = answerDetail(answer.body);
  const details = { ...target, ...(detail === undefined ? {} : { detail }) };
  const suffix = detail === undefined ? '' : `: ${detail}`;
  if (status === 302) return renamedError(answer, target);
  if (status === 401) {
    return new SnapshotsError('UNAUTHORIZED', `Sentry rejected the auth token (401${suffix}).`, {
      status,
      details,
      option: 'authToken',
      hint: 'Check the token, and that it was made on this Sentry server.',
    });
  }
  if (status === 403) {
    const message =
      detail === 'Feature not enabled'
        ? `Snapshots are not enabled for organization '${target.org}' on this Sentry server (Feature not enabled).`
        : `The auth token may not ${what} (403${suffix}).`;
    return new SnapshotsError('FORBIDDEN', message, {
      status,
      details,
      hint: 'The token needs project:write, project:admin, project:releases or org:ci; old Sentry servers do not offer snapshots.',
    });
  }
  if (status === 404) return notFoundError(target, status, details);
  if (status === 429) {
    return new SnapshotsError('RATE_LIMITED', `Sentry rate-limited the request to ${what}${suffix}.`, {
      status,
      details,
      hint: 'Wait a minute and try again; fewer parallel uploads per organization help.',
    });
  }
  if (status >= 500) {
    return new SnapshotsError('SERVER_ERROR', `Sentry failed to ${what} (${status}${suffix}).`, {
      status,
      details,
      hint: 'This is on the server side; try again later.',
    });
  }
  return new SnapshotsError('API_ERROR', detail ?? `Sentry answered ${status} to the request to ${what}.`, {
    status,
    details,
  });
}

function notFoundError(target: ApiTarget, status: number, details: Record<string, unknown>): SnapshotsError {
  if (target.artifactId !== undefined) {
    return new SnapshotsError(
      'SNAPSHOT_NOT_FOUND',
      `Snapshot '${target.artifactId}' was not found in organization '${target.org}'.`,
      { status, details, hint: 'Check the artifact id and the organization.' },
    );
  }
  const message =
    target.project === undefined
      ? `Organization '${target.org}' was not found.`
      : `Organization '${target.org}' or project '${target.project}' was not found.`;
  return new SnapshotsError('NOT_FOUND', message, {
    status,
    details,
    hint: 'Check the org and project slugs (or ids) and the Sentry URL.',
  });
}

/** A 302 carries the new slug; following it would hide the rename from the user. */
function renamedError(answer: ApiAnswer, target: ApiTarget): SnapshotsError {
  const parsed = ProjectRenamedBodySchema.safeParse(answer.body);
  if (!parsed.success) {
    return new SnapshotsError(
      'INVALID_RESPONSE',
      'Sentry answered 302 without the renamed project in its body.',
      {
        status: 302,
        details: { ...target },
      },
    );
  }
  const newSlug = parsed.data.detail.extra.slug || parsed.data.slug;
  return new SnapshotsError(
    'PROJECT_RENAMED',
    `Project '${target.project}' of organization '${target.org}' was renamed to '${newSlug}'.`,
    { status: 302, details: { ...target, newSlug }, hint: `Use the project slug '${newSlug}' from now on.` },
  );
}
