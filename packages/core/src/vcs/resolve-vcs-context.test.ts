import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cloneRepo,
  createBareRemote,
  type GitRepo,
  gitTestEnv,
  initGitRepo,
  pushAll,
} from '@sentry-snapshots/test-kit/git-repo';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSnapshotsError } from '../errors.js';
import { createWorld, type Env } from '../world.js';
import { resolveVcsContext } from './resolve-vcs-context.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vcs-resolve-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function worldAt(cwd: string, env: Env = {}) {
  return createWorld({ cwd, env: { ...gitTestEnv, ...env } });
}

/** main with 3 commits; `feature` branched from main's second commit, `ahead` commits further; main moves on by 2. */
function mainAndFeature(ahead: number): {
  upstream: GitRepo;
  url: string;
  forkPoint: string;
  featureHead: string;
} {
  const upstream = initGitRepo(join(root, 'upstream'));
  upstream.commits(2, 'main');
  const forkPoint = upstream.head();
  upstream.branch('feature');
  const featureHead = upstream.commits(ahead, 'feature').at(-1)!;
  upstream.checkout('main');
  upstream.commits(2, 'main later');
  const url = createBareRemote(upstream, join(root, 'remote.git'));
  return { upstream, url, forkPoint, featureHead };
}

describe('resolveVcsContext with real repositories', () => {
  it('on a depth-1 clone of a branch 30 commits ahead of main, finds the merge-base in CI without a manual fetch', async () => {
    const { url, forkPoint, featureHead } = mainAndFeature(30);
    const clone = cloneRepo(url, join(root, 'ci'), { depth: 1, branch: 'feature' });
    expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
    expect(clone.git('rev-list', '--count', 'HEAD')).toBe('1');

    const resolution = await resolveVcsContext({}, worldAt(clone.dir, { CI: 'true' }));

    expect(resolution.context.headSha).toBe(featureHead);
    expect(resolution.context.baseSha).toBe(forkPoint);
    expect(resolution.context.headRef).toBe('feature');
    expect(resolution.context.baseRef).toBe('main');
    expect(resolution.sources.baseSha).toBe('git merge-base origin/main HEAD');
    expect(resolution.git.mergeBaseFound).toBe(true);
    expect(resolution.git).toMatchObject({ shallow: true, depth: 1, deepenedBy: 50 });
    expect(resolution.git.depthAfterFetch).toBeGreaterThan(30);
    expect(resolution.ci?.id).toBe('generic');
    expect(resolution.warnings).toEqual([]);
  });

  it('names the checkout fix when the merge-base lies beyond every deepening step', async () => {
    const upstream = initGitRepo(join(root, 'upstream'));
    upstream.branch('feature');
    upstream.fastCommits(1700);
    upstream.checkout('main');
    const url = createBareRemote(upstream, join(root, 'remote.git'));
    const clone = cloneRepo(url, join(root, 'ci'), { depth: 1, branch: 'feature' });

    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, {
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF: 'refs/heads/feature',
      }),
    );

    expect(resolution.context.baseSha).toBeUndefined();
    expect(resolution.git).toMatchObject({ mergeBaseFound: false, shallow: true, deepenedBy: 1550 });
    const warnings = resolution.warnings.join('\n');
    expect(warnings).toMatch(/No merge-base of origin\/main .* shallow clone \(deepened by 1550 commits\)/);
    expect(warnings).toMatch(/set `fetch-depth: 0` on the `actions\/checkout` step/);
  });

  it('says so when the base branch shares no history with the head', async () => {
    const upstream = initGitRepo(join(root, 'upstream'));
    const url = createBareRemote(upstream, join(root, 'remote.git'));
    upstream.git('checkout', '--quiet', '--orphan', 'lonely');
    upstream.commit('lonely root');
    pushAll(upstream, url);
    const clone = cloneRepo(url, join(root, 'ci'), { depth: 1, branch: 'lonely' });

    const resolution = await resolveVcsContext({}, worldAt(clone.dir, { CI: 'true' }));

    expect(resolution.context.baseSha).toBeUndefined();
    expect(resolution.git.mergeBaseFound).toBe(false);
    expect(resolution.warnings.join('\n')).toMatch(
      /No merge-base of origin\/main and the head commit.*give the base commit explicitly/,
    );
  });

  it('reads HEAD, branch, owner/repo and provider from a clone whose origin is GitHub', async () => {
    const { url, forkPoint, featureHead } = mainAndFeature(3);
    const clone = cloneRepo(url, join(root, 'dev'), { branch: 'feature' });
    clone.git('remote', 'set-url', 'origin', 'git@github.com:acme/widgets.git');

    const resolution = await resolveVcsContext({ mode: 'force' }, worldAt(clone.dir));

    expect(resolution.context).toEqual({
      headSha: featureHead,
      baseSha: forkPoint,
      provider: 'github',
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      headRef: 'feature',
      baseRef: 'main',
    });
    expect(resolution.sources).toEqual({
      headSha: 'git rev-parse HEAD',
      baseSha: 'git merge-base origin/main HEAD',
      provider: 'git remote origin',
      headRepoName: 'git remote origin',
      baseRepoName: 'git remote origin',
      headRef: 'git symbolic-ref HEAD',
      baseRef: 'git symbolic-ref refs/remotes/origin/HEAD',
    });
    expect(resolution.ci).toBeUndefined();
    expect(resolution.git.shallow).toBe(false);
  });

  it('takes the base repository from `upstream` in a fork', async () => {
    const { url, featureHead } = mainAndFeature(2);
    const clone = cloneRepo(url, join(root, 'fork'), { branch: 'feature' });
    clone.git('config', 'remote.origin.url', 'https://gitlab.com/contributor/group/sub/widgets.git');
    clone.addRemote('upstream', 'https://gitlab.com/acme/group/sub/widgets.git');
    clone.git('update-ref', 'refs/remotes/upstream/main', clone.git('rev-parse', 'origin/main'));
    clone.git('symbolic-ref', 'refs/remotes/upstream/HEAD', 'refs/remotes/upstream/main');

    const resolution = await resolveVcsContext({ mode: 'force' }, worldAt(clone.dir));

    expect(resolution.context.headSha).toBe(featureHead);
    expect(resolution.context.headRepoName).toBe('contributor/group/sub/widgets');
    expect(resolution.context.baseRepoName).toBe('acme/group/sub/widgets');
    expect(resolution.context.provider).toBe('gitlab');
    expect(resolution.sources.baseSha).toBe('git merge-base upstream/main HEAD');
  });

  it('names the repository after SENTRY_VCS_REMOTE, as sentry-cli does, and warns about one that is missing', async () => {
    const { url } = mainAndFeature(1);
    const clone = cloneRepo(url, join(root, 'mirror'), { branch: 'feature' });
    clone.git('remote', 'set-url', 'origin', 'git@github.com:mirror/widgets.git');
    clone.addRemote('corp', 'https://github.com/acme/widgets.git');

    const named = await resolveVcsContext(
      { mode: 'force' },
      worldAt(clone.dir, { SENTRY_VCS_REMOTE: 'corp' }),
    );
    expect(named.context).toMatchObject({ headRepoName: 'acme/widgets', baseRepoName: 'acme/widgets' });
    expect(named.sources.headRepoName).toBe('git remote corp');

    const missing = await resolveVcsContext(
      { mode: 'force' },
      worldAt(clone.dir, { SENTRY_VCS_REMOTE: 'gone' }),
    );
    expect(missing.context.headRepoName).toBe('mirror/widgets');
    expect(missing.warnings).toContain(
      "SENTRY_VCS_REMOTE names the remote 'gone', which this repository does not have.",
    );
  });

  it("falls back to the fork's own base branch when `upstream` cannot be fetched", async () => {
    const { url, forkPoint } = mainAndFeature(3);
    const clone = cloneRepo(url, join(root, 'fork'), { depth: 1, branch: 'feature' });
    clone.addRemote('upstream', join(root, 'missing.git'));

    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, { CI: 'true', SENTRY_SNAPSHOTS_BASE_REF: 'main' }),
    );

    expect(resolution.context.baseSha).toBe(forkPoint);
    expect(resolution.sources.baseSha).toBe('git merge-base origin/main HEAD');
    expect(resolution.warnings).toEqual([]);
  });

  it('names the branch of a detached HEAD from the remote branch that points at it', async () => {
    const { url, featureHead } = mainAndFeature(2);
    const clone = cloneRepo(url, join(root, 'ci'), { branch: 'feature' });
    clone.detach();

    const resolution = await resolveVcsContext({ mode: 'force' }, worldAt(clone.dir));

    expect(resolution.context.headSha).toBe(featureHead);
    expect(resolution.context.headRef).toBe('feature');
    expect(resolution.sources.headRef).toBe('git for-each-ref --points-at HEAD');
  });

  it('drops a base equal to the head (a build of main itself) with a warning', async () => {
    const { url } = mainAndFeature(1);
    const clone = cloneRepo(url, join(root, 'ci'), { branch: 'main' });

    const resolution = await resolveVcsContext({ mode: 'force' }, worldAt(clone.dir));

    expect(resolution.context.headSha).toBe(clone.head());
    expect(resolution.context.baseSha).toBeUndefined();
    expect(resolution.context.baseRef).toBeUndefined();
    expect(resolution.warnings.join('\n')).toMatch(/base_sha equals head_sha/);
  });

  it('outside a git repository gives no git fields and does not fail', async () => {
    const resolution = await resolveVcsContext({ mode: 'force' }, worldAt(root));
    expect(resolution.context).toEqual({});
    expect(resolution.git).toEqual({});
  });

  it('in auto mode outside CI reads nothing from git', async () => {
    const { url } = mainAndFeature(1);
    const clone = cloneRepo(url, join(root, 'dev'), { branch: 'feature' });
    const resolution = await resolveVcsContext({ mode: 'auto' }, worldAt(clone.dir));
    expect(resolution.context).toEqual({});
    expect(resolution.ci).toBeUndefined();
  });

  it('with metadata off keeps only flags and SENTRY_SNAPSHOTS_* variables, even in CI', async () => {
    const { url } = mainAndFeature(1);
    const clone = cloneRepo(url, join(root, 'ci'), { branch: 'feature' });
    const resolution = await resolveVcsContext(
      { mode: 'off', explicit: { headRef: 'from-flag' } },
      worldAt(clone.dir, { CI: 'true', SENTRY_SNAPSHOTS_HEAD_REPO_NAME: 'acme/env' }),
    );
    expect(resolution.context).toEqual({ headRef: 'from-flag', headRepoName: 'acme/env' });
    expect(resolution.sources).toEqual({
      headRef: 'flag',
      headRepoName: 'env SENTRY_SNAPSHOTS_HEAD_REPO_NAME',
    });
  });

  it('lets flags win over SENTRY_SNAPSHOTS_* variables, variables over CI, CI over git', async () => {
    const { url, featureHead } = mainAndFeature(2);
    const clone = cloneRepo(url, join(root, 'ci'), { branch: 'feature' });
    const flagSha = 'a'.repeat(40);
    const envSha = 'b'.repeat(40);
    const resolution = await resolveVcsContext(
      { explicit: { baseSha: flagSha.toUpperCase() } },
      worldAt(clone.dir, {
        GITLAB_CI: 'true',
        CI_COMMIT_SHA: 'c'.repeat(40),
        CI_COMMIT_BRANCH: 'ci-branch',
        CI_PROJECT_PATH: 'acme/ci',
        SENTRY_SNAPSHOTS_BASE_SHA: envSha,
        SENTRY_SNAPSHOTS_HEAD_REF: 'env-branch',
      }),
    );
    expect(resolution.context.baseSha).toBe(flagSha);
    expect(resolution.sources.baseSha).toBe('flag');
    expect(resolution.context.headRef).toBe('env-branch');
    expect(resolution.context.headSha).toBe('c'.repeat(40));
    expect(resolution.sources.headSha).toBe('env CI_COMMIT_SHA');
    expect(resolution.context.headRepoName).toBe('acme/ci');
    expect(resolution.context.headSha).not.toBe(featureHead);
  });

  it('rejects a PR number without a base commit, saying how to fix it', async () => {
    const error = await resolveVcsContext({ mode: 'off', explicit: { prNumber: 12 } }, worldAt(root)).catch(
      (caught: unknown) => caught,
    );
    expect(isSnapshotsError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_VCS_CONTEXT' });
    expect(error).toMatchObject({ option: 'baseSha', hint: expect.stringMatching(/base commit/) });
  });

  it('rejects a SENTRY_SNAPSHOTS_PR_NUMBER that is not a positive integer', async () => {
    await expect(
      resolveVcsContext({}, worldAt(root, { SENTRY_SNAPSHOTS_PR_NUMBER: '0' })),
    ).rejects.toMatchObject({
      code: 'INVALID_VCS_CONTEXT',
    });
  });

  it('never sends the GitHub merge commit: on a pull_request checkout of refs/pull/N/merge the head is its PR parent', async () => {
    const { upstream, url, featureHead } = mainAndFeature(2);
    // GitHub's refs/pull/7/merge: first parent the base branch, second the PR head.
    upstream.checkout('main');
    upstream.git('merge', '--quiet', '--no-ff', '-m', 'Merge feature into main', 'feature');
    const mergeSha = upstream.head();
    upstream.git('push', '--quiet', url, `${mergeSha}:refs/pull/7/merge`);
    const clone = cloneRepo(url, join(root, 'ci'), { branch: 'main' });
    clone.git('fetch', '--quiet', 'origin', 'refs/pull/7/merge');
    clone.git('checkout', '--quiet', '--detach', 'FETCH_HEAD');
    expect(clone.head()).toBe(mergeSha);

    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, {
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_SHA: mergeSha,
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_HEAD_REF: 'feature',
        GITHUB_BASE_REF: 'main',
        GITHUB_REPOSITORY: 'acme/widgets',
      }),
    );
    expect(resolution.context.headSha).toBe(featureHead);
    expect(resolution.context.headSha).not.toBe(mergeSha);
    expect(resolution.sources.headSha).toBe('git rev-parse HEAD^2 (head of the CI merge commit)');
    expect(resolution.context.prNumber).toBe(7);
    expect(resolution.context.baseSha).toBeDefined();
  });

  it('prefers the event payload of a pull_request over git', async () => {
    const { url } = mainAndFeature(1);
    const clone = cloneRepo(url, join(root, 'ci'), { branch: 'feature' });
    const eventPath = join(root, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        pull_request: {
          number: 9,
          head: { sha: '1'.repeat(40), ref: 'feature', repo: { full_name: 'fork/widgets' } },
          base: { sha: '2'.repeat(40), ref: 'main', repo: { full_name: 'acme/widgets' } },
        },
      }),
    );
    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, {
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
      }),
    );
    expect(resolution.context).toEqual({
      headSha: '1'.repeat(40),
      baseSha: '2'.repeat(40),
      provider: 'github',
      headRepoName: 'fork/widgets',
      baseRepoName: 'acme/widgets',
      headRef: 'feature',
      baseRef: 'main',
      prNumber: 9,
    });
    expect(resolution.sources.headSha).toBe('GITHUB_EVENT_PATH pull_request.head.sha');
  });
});

describe("the base branch from the CI's own word, over a single-branch clone's origin/HEAD", () => {
  /** main, `release` cut from main and moved on by one, `feature` cut from release; returns each fork point. */
  function mainReleaseFeature(): { url: string; mainFork: string; releaseFork: string; featureHead: string } {
    const upstream = initGitRepo(join(root, 'upstream'));
    const mainFork = upstream.commits(2, 'main').at(-1)!;
    upstream.branch('release');
    const releaseFork = upstream.commit('release fix');
    upstream.branch('feature');
    const featureHead = upstream.commits(4, 'feature').at(-1)!;
    upstream.checkout('main');
    upstream.commits(2, 'main later');
    const url = createBareRemote(upstream, join(root, 'remote.git'));
    return { url, mainFork, releaseFork, featureHead };
  }

  /** `git clone --depth 1 --branch feature`, with origin/HEAD at the cloned branch as such checkouts may leave it. */
  function featureCheckout(url: string): GitRepo {
    const clone = cloneRepo(url, join(root, 'ci'), { depth: 1, branch: 'feature' });
    clone.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/feature');
    expect(clone.git('config', '--get-all', 'remote.origin.fetch')).toBe(
      '+refs/heads/feature:refs/remotes/origin/feature',
    );
    expect(gitOrEmpty(clone, 'rev-parse', '--verify', '--quiet', 'origin/main')).toBe('');
    return clone;
  }

  function gitOrEmpty(repo: GitRepo, ...args: string[]): string {
    try {
      return repo.git(...args);
    } catch {
      return '';
    }
  }

  it('Buildkite branch build: BUILDKITE_PIPELINE_DEFAULT_BRANCH wins over origin/HEAD, and main is fetched', async () => {
    const { url, mainFork, featureHead } = mainReleaseFeature();
    const clone = featureCheckout(url);

    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, {
        BUILDKITE: 'true',
        BUILDKITE_BRANCH: 'feature',
        BUILDKITE_COMMIT: featureHead,
        BUILDKITE_PIPELINE_DEFAULT_BRANCH: 'main',
      }),
    );

    expect(resolution.context).toMatchObject({ headSha: featureHead, baseSha: mainFork, baseRef: 'main' });
    expect(resolution.sources.baseRef).toBe('default branch from env BUILDKITE_PIPELINE_DEFAULT_BRANCH');
    expect(resolution.sources.baseSha).toBe('git merge-base origin/main HEAD');
    expect(gitOrEmpty(clone, 'rev-parse', '--verify', '--quiet', 'origin/main')).not.toBe('');
    expect(resolution.warnings).toEqual([]);
  });

  it('GitLab branch pipeline: CI_DEFAULT_BRANCH wins over origin/HEAD', async () => {
    const { url, mainFork, featureHead } = mainReleaseFeature();
    const clone = featureCheckout(url);

    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, {
        GITLAB_CI: 'true',
        CI_COMMIT_SHA: featureHead,
        CI_COMMIT_BRANCH: 'feature',
        CI_DEFAULT_BRANCH: 'main',
      }),
    );

    expect(resolution.context).toMatchObject({ headSha: featureHead, baseSha: mainFork, baseRef: 'main' });
    expect(resolution.sources.baseRef).toBe('default branch from env CI_DEFAULT_BRANCH');
    expect(resolution.sources.baseSha).toBe('git merge-base origin/main HEAD');
  });

  it("GitLab merge request pipeline: the MR's target branch wins over the default branch", async () => {
    const { url, releaseFork, featureHead } = mainReleaseFeature();
    const clone = featureCheckout(url);

    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, {
        GITLAB_CI: 'true',
        CI_COMMIT_SHA: featureHead,
        CI_MERGE_REQUEST_IID: '12',
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'release',
        CI_DEFAULT_BRANCH: 'main',
      }),
    );

    expect(resolution.context).toMatchObject({
      headSha: featureHead,
      baseSha: releaseFork,
      baseRef: 'release',
      prNumber: 12,
    });
    expect(resolution.sources.baseRef).toBe('env CI_MERGE_REQUEST_TARGET_BRANCH_NAME');
    expect(resolution.sources.baseSha).toBe('git merge-base origin/release HEAD');
  });

  it('a flag or SENTRY_SNAPSHOTS_BASE_REF wins over the CI target and default branches', async () => {
    const { url, releaseFork, featureHead } = mainReleaseFeature();
    const clone = featureCheckout(url);

    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, {
        BUILDKITE: 'true',
        BUILDKITE_BRANCH: 'feature',
        BUILDKITE_COMMIT: featureHead,
        BUILDKITE_PIPELINE_DEFAULT_BRANCH: 'main',
        SENTRY_SNAPSHOTS_BASE_REF: 'release',
      }),
    );

    expect(resolution.context).toMatchObject({ baseSha: releaseFork, baseRef: 'release' });
    expect(resolution.sources.baseRef).toBe('env SENTRY_SNAPSHOTS_BASE_REF');
  });

  it('a CI that names no default branch (CircleCI) asks the remote when origin/HEAD names the cloned branch', async () => {
    const { url, mainFork, featureHead } = mainReleaseFeature();
    const clone = featureCheckout(url);

    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, { CIRCLECI: 'true', CIRCLE_SHA1: featureHead, CIRCLE_BRANCH: 'feature' }),
    );

    expect(resolution.context).toMatchObject({ headSha: featureHead, baseSha: mainFork, baseRef: 'main' });
    expect(resolution.sources.baseRef).toBe('git ls-remote --symref origin HEAD');
  });

  it('fetches nothing for a default branch that is not a valid branch name, and says where it came from', async () => {
    const { url, featureHead } = mainReleaseFeature();
    const clone = featureCheckout(url);

    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, {
        BUILDKITE: 'true',
        BUILDKITE_COMMIT: featureHead,
        BUILDKITE_PIPELINE_DEFAULT_BRANCH: 'main:refs/remotes/origin/feature',
      }),
    );

    expect(resolution.context.baseSha).toBeUndefined();
    expect(resolution.warnings).toEqual([
      'The base branch "main:refs/remotes/origin/feature" (default branch from env BUILDKITE_PIPELINE_DEFAULT_BRANCH) is not a valid branch name, so no merge-base is searched: give the base branch or the base commit.',
    ]);
    expect(gitOrEmpty(clone, 'rev-parse', '--verify', '--quiet', 'origin/main')).toBe('');
  });

  it('falls back to a fetched origin/main when neither origin/HEAD nor the remote names the default branch', async () => {
    const { url, mainFork, featureHead } = mainReleaseFeature();
    const clone = cloneRepo(url, join(root, 'full'), { branch: 'feature' });
    clone.git('remote', 'set-head', 'origin', '--delete');
    clone.git('remote', 'set-url', 'origin', join(root, 'gone.git'));

    const resolution = await resolveVcsContext({}, worldAt(clone.dir, { CI: 'true' }));

    expect(resolution.context).toMatchObject({ headSha: featureHead, baseSha: mainFork, baseRef: 'main' });
    expect(resolution.sources.baseRef).toBe(
      'refs/remotes/origin/main (no remote HEAD known; a usual default branch name)',
    );
  });

  it("still trusts a full clone's origin/HEAD, also on a build of the default branch itself", async () => {
    const { url } = mainReleaseFeature();
    const clone = cloneRepo(url, join(root, 'full'), { branch: 'main' });
    clone.git('remote', 'set-url', 'origin', join(root, 'gone.git'));

    const resolution = await resolveVcsContext(
      {},
      worldAt(clone.dir, { CIRCLECI: 'true', CIRCLE_BRANCH: 'main' }),
    );

    expect(resolution.context.baseSha).toBeUndefined();
    expect(resolution.warnings.join('\n')).toMatch(/build of the base itself/);
  });
});
