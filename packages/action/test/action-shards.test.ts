import { join } from 'node:path';
import { type Emulator, startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { createTempDir, type TempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GitHubApiServer, startGitHubApiServer } from './github-api-server.js';
import { type BundleRun, bundleSkipReason, runBundle } from './run-bundle.js';

let temp: TempDir;
let emulator: Emulator;
let github: GitHubApiServer;

beforeAll(async () => {
  if (bundleSkipReason) return;
  temp = await createTempDir('action-shards-');
  emulator = await startEmulator({ port: 0, dataDir: join(temp.path, 'emulator') });
  github = await startGitHubApiServer('acme/web');
  // Two modules of an app, each a shard of the suite, as a matrix of two jobs would take them.
  await writePng(join(temp.path, 'app', 'screens', 'home.png'), { width: 16, height: 12, seed: 1 });
  await writePng(join(temp.path, 'feature', 'screens', 'login.png'), { width: 16, height: 12, seed: 2 });
  await writePng(join(temp.path, 'feature', 'screens', 'signup.png'), { width: 16, height: 12, seed: 3 });
}, 60_000);

afterAll(async () => {
  await github?.close();
  await emulator?.close();
  await temp?.remove();
});

/** A pull request's event, for the finalize job's comment. */
const pullRequest: BundleRun['event'] = {
  name: 'pull_request',
  payload: {
    action: 'synchronize',
    number: 5,
    pull_request: {
      number: 5,
      head: { ref: 'feature', sha: 'c'.repeat(40), repo: { full_name: 'acme/web', fork: false } },
      base: { ref: 'main', sha: 'd'.repeat(40), repo: { full_name: 'acme/web', fork: false } },
    },
    repository: { full_name: 'acme/web', name: 'web', owner: { login: 'acme' } },
  },
};

function run(inputs: Record<string, string>, event?: BundleRun['event']) {
  return runBundle({
    cwd: temp.path,
    ...(event ? { event } : {}),
    inputs: {
      org: 'acme',
      project: 'web',
      url: emulator.url,
      'auth-token': emulator.token,
      'git-metadata': 'off',
      'head-sha': 'c'.repeat(40),
      ...inputs,
    },
    env: { GITHUB_REPOSITORY: 'acme/web', GITHUB_API_URL: github.url },
  });
}

describe('the bundled action with mode shard and finalize', () => {
  beforeEach((context) => {
    if (bundleSkipReason) context.skip(bundleSkipReason);
  });

  it('stores each job’s shard, then makes one snapshot of both in the finalize job', async () => {
    const shard = (module: string) =>
      run({
        mode: 'shard',
        path: `${module}/screens=${module}`,
        'app-id': 'android',
        'shard-file': `shards/${module}.json`,
      });
    const shards = await Promise.all([shard('app'), shard('feature')]);
    for (const result of shards) {
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.outputs['artifact-id']).toBe('');
      expect(result.summary).toContain(
        'No snapshot yet: the finalize step makes one snapshot of every shard.',
      );
    }
    expect(shards.map((result) => result.outputs['shard-file'])).toEqual([
      join(temp.path, 'shards', 'app.json'),
      join(temp.path, 'shards', 'feature.json'),
    ]);
    expect(shards[1]?.stdout).toContain(`Shard written to ${join(temp.path, 'shards', 'feature.json')}`);

    const finalized = await run(
      {
        mode: 'finalize',
        shards: 'shards',
        'expect-shards': '2',
        wait: 'true',
        comment: 'always',
        'github-token': 'gh-token',
      },
      pullRequest,
    );
    expect(finalized.stderr).toBe('');
    expect(finalized.exitCode).toBe(0);
    expect(finalized.outputs).toMatchObject({ 'image-count': '3', 'stored-count': '0', 'reused-count': '3' });
    const manifest = emulator.getSnapshot(finalized.outputs['artifact-id'] ?? '')?.manifest;
    expect(manifest).toMatchObject({ app_id: 'android', head_sha: 'c'.repeat(40) });
    expect(Object.keys(manifest?.images ?? {})).toEqual([
      'app/home.png',
      'feature/login.png',
      'feature/signup.png',
    ]);
    expect(JSON.parse(finalized.outputs['result-json'] ?? '{}')).toMatchObject({ shards: { count: 2 } });
    // The comment is the app's, named by the shards: the one an upload of that app id keeps current.
    expect(github.comments.map((comment) => [comment.issueNumber, comment.body.split('\n')[0]])).toEqual([
      [5, '<!-- sentry-snapshots:app-id=android -->'],
    ]);
  }, 120_000);

  it('fails the finalize job, creating nothing, when a shard is missing', async () => {
    const result = await run({ mode: 'finalize', shards: 'shards/app.json', 'expect-shards': '2' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      '::error::Expected 2 shards, found 1 distinct shard in 1 file; no snapshot was created.',
    );
    expect(emulator.getSnapshot(2)).toBeUndefined();
  }, 120_000);
});
