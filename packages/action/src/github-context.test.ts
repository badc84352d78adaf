import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { isRunWithoutSecrets, readGitHubContext } from './github-context.js';

async function eventFile(payload: unknown): Promise<string> {
  const path = join(await makeTempDir(), 'event.json');
  await writeFile(path, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return path;
}

const pullRequest = (headRepo: string | null) => ({
  action: 'synchronize',
  number: 12,
  pull_request: {
    number: 12,
    head: { ref: 'feature', sha: 'b'.repeat(40), repo: headRepo === null ? null : { full_name: headRepo } },
    base: { ref: 'main', sha: 'a'.repeat(40), repo: { full_name: 'acme/web' } },
  },
});

describe('readGitHubContext', () => {
  it('reads a same-repository pull request', async () => {
    const context = await readGitHubContext({
      GITHUB_EVENT_PATH: await eventFile(pullRequest('acme/web')),
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'acme/web',
      GITHUB_API_URL: 'https://ghe.example/api/v3/',
      GITHUB_ACTOR: 'octocat',
    });
    expect(context).toEqual({
      eventName: 'pull_request',
      repository: 'acme/web',
      apiUrl: 'https://ghe.example/api/v3',
      actor: 'octocat',
      pullRequest: { number: 12, isFork: false },
    });
    expect(isRunWithoutSecrets(context)).toBe(false);
  });

  it('knows a fork, also one that was deleted, and Dependabot, as runs without secrets', async () => {
    for (const head of ['someone/web', null]) {
      const context = await readGitHubContext({ GITHUB_EVENT_PATH: await eventFile(pullRequest(head)) });
      expect(context.pullRequest).toEqual({ number: 12, isFork: true });
      expect(isRunWithoutSecrets(context)).toBe(true);
    }
    const dependabot = await readGitHubContext({ GITHUB_ACTOR: 'dependabot[bot]' });
    expect(isRunWithoutSecrets(dependabot)).toBe(true);
  });

  it('treats a push, a missing or an unreadable payload as no pull request', async () => {
    const push = await readGitHubContext({
      GITHUB_EVENT_PATH: await eventFile({ ref: 'refs/heads/main', after: 'c'.repeat(40), repository: {} }),
    });
    expect(push.pullRequest).toBeUndefined();
    expect(push.apiUrl).toBe('https://api.github.com');
    const broken = await eventFile('{');
    expect((await readGitHubContext({ GITHUB_EVENT_PATH: broken })).pullRequest).toBeUndefined();
    expect(
      (await readGitHubContext({ GITHUB_EVENT_PATH: '/nonexistent/event.json' })).pullRequest,
    ).toBeUndefined();
  });
});
