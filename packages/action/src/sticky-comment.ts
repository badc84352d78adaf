import { SnapshotsError, userAgent } from '@sentry-snapshots/core';
import { type Dispatcher, request } from 'undici';
import { z } from 'zod';

const IssueCommentSchema = z.looseObject({
  id: z.number(),
  body: z.string().nullish(),
  html_url: z.string(),
});
type IssueComment = z.infer<typeof IssueCommentSchema>;

const pageSize = 100;

export interface StickyCommentOptions {
  /** `GITHUB_API_URL`, so that GitHub Enterprise Server works. */
  apiUrl: string;
  token: string;
  /** `owner/repo` */
  repository: string;
  issueNumber: number;
  /** Hidden text that finds the comment again on the next run. */
  marker: string;
  body: string;
  /** False: only refresh a comment that exists (nothing new to say). */
  createIfMissing: boolean;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
}

export type StickyCommentOutcome =
  | { action: 'created' | 'updated'; id: number; url: string }
  | { action: 'skipped' };

/** The HTML comment that marks the sticky comment of one app id. */
export function stickyCommentMarker(appId: string): string {
  return `<!-- sentry-snapshots:app-id=${encodeURIComponent(appId)} -->`;
}

/** Creates the pull request's comment that carries `marker`, or updates it in place. */
export async function upsertStickyComment(options: StickyCommentOptions): Promise<StickyCommentOutcome> {
  const body = `${options.marker}\n${options.body}`;
  const existing = await findComment(options);
  if (existing) {
    const updated = await callGitHub(options, 'PATCH', `issues/comments/${existing.id}`, { body });
    const comment = IssueCommentSchema.parse(updated);
    return { action: 'updated', id: comment.id, url: comment.html_url };
  }
  if (!options.createIfMissing) return { action: 'skipped' };
  const created = await callGitHub(options, 'POST', `issues/${options.issueNumber}/comments`, { body });
  const comment = IssueCommentSchema.parse(created);
  return { action: 'created', id: comment.id, url: comment.html_url };
}

async function findComment(options: StickyCommentOptions): Promise<IssueComment | undefined> {
  for (let page = 1; ; page++) {
    const answer = await callGitHub(
      options,
      'GET',
      `issues/${options.issueNumber}/comments?per_page=${pageSize}&page=${page}`,
    );
    const comments = z.array(IssueCommentSchema).parse(answer);
    const match = comments.find((comment) => comment.body?.includes(options.marker));
    if (match) return match;
    if (comments.length < pageSize) return undefined;
  }
}

async function callGitHub(
  options: StickyCommentOptions,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  payload?: unknown,
): Promise<unknown> {
  const url = `${options.apiUrl}/repos/${options.repository}/${path}`;
  const response = await request(url, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${options.token}`,
      'user-agent': userAgent,
      'x-github-api-version': '2022-11-28',
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: payload === undefined ? undefined : JSON.stringify(payload),
    dispatcher: options.dispatcher,
    signal: options.signal,
  }).catch((cause: unknown) => {
    throw new SnapshotsError('NETWORK_ERROR', `Could not reach the GitHub API at ${options.apiUrl}`, {
      cause,
    });
  });
  const text = await response.body.text();
  if (response.statusCode >= 200 && response.statusCode < 300) return JSON.parse(text);
  const message = readGitHubMessage(text);
  const denied = response.statusCode === 403 || response.statusCode === 404;
  throw new SnapshotsError(
    'API_ERROR',
    `GitHub answered ${response.statusCode} to ${method} ${url}${message ? `: ${message}` : ''}`,
    {
      status: response.statusCode,
      hint: denied
        ? 'Give the job `permissions: pull-requests: write`; a fork pull request gets a read-only token, use `comment: off` there.'
        : undefined,
    },
  );
}

function readGitHubMessage(text: string): string | undefined {
  try {
    const parsed = z.looseObject({ message: z.string() }).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.message : undefined;
  } catch {
    return text.slice(0, 200) || undefined;
  }
}
