import { isSnapshotsError } from '@sentry-snapshots/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GitHubApiServer, startGitHubApiServer } from '../test/github-api-server.js';
import { stickyCommentMarker, upsertStickyComment } from './sticky-comment.js';

const repository = 'acme/web';
let github: GitHubApiServer;

beforeEach(async () => {
  github = await startGitHubApiServer(repository);
});
afterEach(async () => {
  await github.close();
});

function upsert(body: string, appId = 'web', createIfMissing = true) {
  return upsertStickyComment({
    apiUrl: github.url,
    token: 'ghs_token',
    repository,
    issueNumber: 7,
    marker: stickyCommentMarker(appId),
    body,
    createIfMissing,
  });
}

describe('upsertStickyComment', () => {
  it('creates the comment once, then updates it in place, one per app id', async () => {
    github.seed(7, 'an unrelated review comment');
    const first = await upsert('first run');
    expect(first.action).toBe('created');
    const second = await upsert('second run');
    expect(second).toMatchObject({ action: 'updated', id: first.action === 'created' ? first.id : -1 });
    await upsert('another app', 'ios');

    const ours = github.comments.filter((comment) => comment.body.includes('sentry-snapshots'));
    expect(ours.map((comment) => comment.body)).toEqual([
      `${stickyCommentMarker('web')}\nsecond run`,
      `${stickyCommentMarker('ios')}\nanother app`,
    ]);
    expect(github.requests.every((request) => request.authorization === 'Bearer ghs_token')).toBe(true);
  });

  it('finds its comment beyond the first page', async () => {
    for (let i = 0; i < 150; i++) github.seed(7, `comment ${i}`);
    const old = github.seed(7, `${stickyCommentMarker('web')}\nold`);
    const outcome = await upsert('new');
    expect(outcome).toMatchObject({ action: 'updated', id: old.id });
    expect(github.requests.filter((request) => request.method === 'GET')).toHaveLength(2);
  });

  it('only refreshes an existing comment when told not to create one', async () => {
    expect(await upsert('nothing changed', 'web', false)).toEqual({ action: 'skipped' });
    expect(github.comments).toHaveLength(0);
  });

  it('keeps app ids that look like markup from breaking the marker', () => {
    expect(stickyCommentMarker('a --> b')).toBe('<!-- sentry-snapshots:app-id=a%20--%3E%20b -->');
  });

  it('says which permission is missing when GitHub refuses', async () => {
    github.denyWith = 403;
    const error = await upsert('body').catch((caught: unknown) => caught);
    expect(isSnapshotsError(error) && error.status).toBe(403);
    expect(isSnapshotsError(error) && error.message).toContain('Resource not accessible by integration');
    expect(isSnapshotsError(error) && error.hint).toContain('pull-requests: write');
  });
});
