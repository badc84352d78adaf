import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloneRepo, createBareRemote, gitTestEnv, initGitRepo } from '@sentry-snapshots/test-kit/git-repo';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { uploadSnapshot } from '../upload/upload-snapshot.js';
import { createWorld } from '../world.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vcs-upload-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

it('an upload in CI from a depth-1 clone of a branch 30 commits ahead of main sends the right base_sha', async () => {
  const upstream = initGitRepo(join(root, 'upstream'));
  upstream.commits(3, 'main');
  const forkPoint = upstream.head();
  upstream.branch('feature');
  const featureHead = upstream.commits(30, 'feature').at(-1)!;
  upstream.checkout('main');
  upstream.commits(5, 'main later');
  const url = createBareRemote(upstream, join(root, 'remote.git'));
  const clone = cloneRepo(url, join(root, 'checkout'), { depth: 1, branch: 'feature' });
  await writePng(join(clone.dir, 'screens', 'home.png'), { width: 4, height: 3, seed: 1 });

  const result = await uploadSnapshot(
    {
      folders: [{ path: 'screens' }],
      org: 'acme',
      project: 'web',
      appId: 'web',
      url: 'http://127.0.0.1:9/',
      dryRun: true,
    },
    createWorld({ cwd: clone.dir, env: { ...gitTestEnv, GITLAB_CI: 'true', CI_COMMIT_BRANCH: 'feature' } }),
  );

  expect(result.manifest).toMatchObject({
    head_sha: featureHead,
    base_sha: forkPoint,
    head_ref: 'feature',
    base_ref: 'main',
  });
});
