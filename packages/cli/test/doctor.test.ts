import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '@sentry-snapshots/emulator';
import { cloneRepo, createBareRemote, gitTestEnv, initGitRepo } from '@sentry-snapshots/test-kit/git-repo';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { describe, expect, it } from 'vitest';
import type { DoctorOutput } from '../src/render-doctor.js';

const testbed = useTestEmulator(startEmulator);

/** A process environment with git isolated and no stray CI or Sentry settings. */
async function baseEnv(): Promise<Record<string, string | undefined>> {
  return { ...gitTestEnv, HOME: await makeTempDir() };
}

describe('sentry-snapshots doctor', () => {
  it('reports a GitHub pull request from a fork, every field with its source, and a token that reaches org and project', async () => {
    const dir = await makeTempDir();
    const repo = initGitRepo(join(dir, 'repo'));
    repo.addRemote('origin', 'git@github.com:contributor/widgets.git');
    const head = 'a'.repeat(40);
    const base = 'b'.repeat(40);
    const eventPath = join(dir, 'event.json');
    await writeFile(
      eventPath,
      JSON.stringify({
        pull_request: {
          number: 7,
          head: { sha: head, ref: 'feature/login', repo: { full_name: 'contributor/widgets' } },
          base: { sha: base, ref: 'main', repo: { full_name: 'acme/widgets' } },
        },
      }),
    );
    const token = testbed.emulator.createOrgAuthToken('acme');

    const run = await runCli(['doctor', '-p', 'web', '--json'], {
      cwd: repo.dir,
      env: {
        ...(await baseEnv()),
        SENTRY_AUTH_TOKEN: token,
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_SHA: 'c'.repeat(40),
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_REPOSITORY: 'acme/widgets',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '99',
        HTTP_PROXY: 'http://me:secret@127.0.0.1:9',
        NO_PROXY: '127.0.0.1,localhost',
      },
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorOutput;
    expect(report.config).toEqual([]);
    expect(report.ci).toEqual({
      id: 'github-actions',
      name: 'GitHub Actions',
      eventName: 'pull_request',
      runId: '99',
      runUrl: 'https://github.com/acme/widgets/actions/runs/99',
    });
    expect(report.vcs).toEqual({
      mode: 'auto',
      fields: {
        headSha: { value: head, source: 'GITHUB_EVENT_PATH pull_request.head.sha' },
        baseSha: { value: base, source: 'GITHUB_EVENT_PATH pull_request.base.sha' },
        provider: { value: 'github', source: 'env GITHUB_SERVER_URL' },
        headRepoName: {
          value: 'contributor/widgets',
          source: 'GITHUB_EVENT_PATH pull_request.head.repo.full_name',
        },
        baseRepoName: { value: 'acme/widgets', source: 'GITHUB_EVENT_PATH pull_request.base.repo.full_name' },
        headRef: { value: 'feature/login', source: 'GITHUB_EVENT_PATH pull_request.head.ref' },
        baseRef: { value: 'main', source: 'GITHUB_EVENT_PATH pull_request.base.ref' },
        prNumber: { value: 7, source: 'GITHUB_EVENT_PATH pull_request.number' },
      },
      warnings: [],
    });
    expect(report.git).toEqual({ root: repo.dir, shallow: false });
    expect(report.proxy).toEqual({
      httpProxy: 'http://me:***@127.0.0.1:9/',
      noProxy: '127.0.0.1,localhost',
      forUrl: null,
    });
    expect(report.sentry).toEqual({
      url: testbed.emulator.url,
      org: 'acme',
      project: 'web',
      authToken: `sntrys_…${token.slice(-4)}`,
    });
    expect(run.stdout).not.toContain(token);
    expect(report.access.organization).toMatchObject({ status: 'ok' });
    expect(report.access.organization.detail).toMatch(/^acme \(id \d+\)$/);
    expect(report.access.project).toMatchObject({ status: 'ok' });
  });

  it("takes a Buildkite branch build's base from BUILDKITE_PIPELINE_DEFAULT_BRANCH, not the clone's origin/HEAD, and says so", async () => {
    const dir = await makeTempDir();
    const upstream = initGitRepo(join(dir, 'upstream'));
    upstream.commits(2, 'main');
    const forkPoint = upstream.head();
    upstream.branch('feature');
    const featureHead = upstream.commits(3, 'feature').at(-1)!;
    upstream.checkout('main');
    upstream.commits(2, 'main later');
    const url = createBareRemote(upstream, join(dir, 'remote.git'));
    const clone = cloneRepo(url, join(dir, 'ci'), { depth: 1, branch: 'feature' });
    // As a single-branch checkout may leave it: origin/HEAD at the branch being built.
    clone.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/feature');

    const run = await runCli(['doctor', '-o', 'acme', '-p', 'web'], {
      cwd: clone.dir,
      env: {
        ...(await baseEnv()),
        BUILDKITE: 'true',
        BUILDKITE_BRANCH: 'feature',
        BUILDKITE_COMMIT: featureHead,
        BUILDKITE_PIPELINE_DEFAULT_BRANCH: 'main',
        SENTRY_AUTH_TOKEN: testbed.emulator.token,
        SENTRY_URL: testbed.emulator.url,
      },
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  base_sha        ${forkPoint}  (git merge-base origin/main HEAD)`);
    expect(run.stdout).toContain(
      '  base_ref        main  (default branch from env BUILDKITE_PIPELINE_DEFAULT_BRANCH)',
    );
  });

  it('shows the depth of a shallow CI clone and the merge-base it found by deepening, as text', async () => {
    const dir = await makeTempDir();
    const upstream = initGitRepo(join(dir, 'upstream'));
    upstream.commits(2, 'main');
    const forkPoint = upstream.head();
    upstream.branch('feature');
    upstream.commits(30, 'feature');
    upstream.checkout('main');
    upstream.commits(2, 'main later');
    const url = createBareRemote(upstream, join(dir, 'remote.git'));
    const clone = cloneRepo(url, join(dir, 'ci'), { depth: 1, branch: 'feature' });

    const run = await runCli(['doctor', '-o', 'acme', '-p', 'web', '--log-level', 'debug'], {
      cwd: clone.dir,
      env: {
        ...(await baseEnv()),
        CI: 'true',
        SENTRY_AUTH_TOKEN: testbed.emulator.token,
        SENTRY_URL: testbed.emulator.url,
      },
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^CI\n {2}CI \(generic\)$/m);
    expect(run.stdout).toContain(`  base_sha        ${forkPoint}  (git merge-base origin/main HEAD)`);
    expect(run.stdout).toMatch(/^ {2}head_ref {8}feature {2}\(git symbolic-ref HEAD\)$/m);
    expect(run.stdout).toMatch(
      /^ {2}depth {7}1 commit \(shallow clone\); \d+ after fetching for the merge-base$/m,
    );
    expect(run.stdout).toMatch(/^ {2}merge-base {2}found after deepening by 50 commits$/m);
    expect(run.stdout).toContain(`  Sentry URL  ${testbed.emulator.url}`);
    expect(run.stdout).toContain('  proxy       none (direct connection)');
    expect(run.stdout).toMatch(/^ {2}organization {2}acme: ok, acme \(id \d+\)$/m);
    expect(run.stdout).toMatch(/^ {2}project {7}web: ok, can upload/m);
    expect(run.stderr).toContain(
      'debug: git fetch --no-tags --quiet --depth=50 origin +refs/heads/main:refs/remotes/origin/main',
    );
    expect(run.stderr).toContain('debug: git fetch --no-tags --quiet --deepen=50 origin');
  });

  it('takes the org and URL from an org auth token even without a project', async () => {
    const token = testbed.emulator.createOrgAuthToken('acme');
    const run = await runCli(['doctor', '--json'], {
      cwd: await makeTempDir(),
      env: { ...(await baseEnv()), SENTRY_AUTH_TOKEN: token, SENTRY_PROJECT: '' },
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorOutput;
    expect(report.config).toEqual([expect.objectContaining({ code: 'MISSING_PROJECT' })]);
    expect(report.sentry).toEqual({
      url: testbed.emulator.url,
      org: 'acme',
      authToken: `sntrys_…${token.slice(-4)}`,
    });
    expect(report.access.organization.status).toBe('ok');
    expect(report.access.project).toEqual({ status: 'skipped', detail: 'no project' });
  });

  it('reports a token the server refuses, and a missing project, without failing', async () => {
    const run = await runCli(['doctor', '--json'], {
      cwd: await makeTempDir(),
      env: {
        ...(await baseEnv()),
        SENTRY_AUTH_TOKEN: 'not-a-valid-token-at-all',
        SENTRY_URL: testbed.emulator.url,
        SENTRY_ORG: 'acme',
      },
    });

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorOutput;
    expect(report.config).toEqual([expect.objectContaining({ code: 'MISSING_PROJECT' })]);
    expect(report.ci).toBeNull();
    expect(report.git).toEqual({});
    expect(report.access.organization).toMatchObject({
      status: 'failed',
      error: { code: 'UNAUTHORIZED', status: 401 },
    });
    expect(report.access.project).toEqual({ status: 'skipped', detail: 'no project' });
    expect(report.sentry.authToken).toBe('…-all');
  });

  it('reports every bad value at once, spelled as flags, and the settings in use with secrets masked', async () => {
    const run = await runCli(['doctor', '--json', '--pr-number', '0', '--base-sha', 'ABC', '-o', 'acme'], {
      cwd: await makeTempDir(),
      env: {
        ...(await baseEnv()),
        SENTRY_AUTH_TOKEN: 'sntryu_0123456789abcdef',
        SENTRY_HTTP_TIMEOUT: '45s',
        CUSTOM_HEADER: 'X-Secret: hunter2',
      },
    });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorOutput;
    expect(report.config).toEqual([
      expect.objectContaining({
        code: 'INVALID_OPTION',
        option: 'baseSha',
        message: expect.stringMatching(/^Invalid --base-sha "ABC"/),
      }),
      expect.objectContaining({
        code: 'INVALID_OPTION',
        option: 'prNumber',
        message: expect.stringMatching(/^Invalid --pr-number "0"/),
      }),
      expect.objectContaining({
        code: 'MISSING_PROJECT',
        hint: expect.stringMatching(/^Pass -p\/--project, or set SENTRY_PROJECT/),
      }),
    ]);
    expect(report.settings).toEqual(
      expect.arrayContaining([
        { option: 'org', source: 'given', value: 'acme' },
        { option: 'authToken', source: 'env', env: 'SENTRY_AUTH_TOKEN', value: 'sntryu_…cdef' },
        { option: 'headers', source: 'given', value: 'X-Secret (values hidden)' },
        { option: 'httpTimeout', source: 'env', env: 'SENTRY_HTTP_TIMEOUT', value: '45s' },
      ]),
    );
    expect(run.stdout).not.toContain('hunter2');
    expect(run.stdout).not.toContain('0123456789');
  });

  it('diagnoses a URL without a scheme instead of refusing to run, saying what a URL looks like', async () => {
    const run = await runCli(['doctor', '--url', 'sentry.io', '-o', 'acme', '-p', 'web'], {
      cwd: await makeTempDir(),
      env: await baseEnv(),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^ {2}error: Invalid --url "sentry\.io": must be an http\(s\) URL such as https:\/\/sentry\.io\/$/m,
    );
    expect(run.stdout).toMatch(/^ {2}hint: Pass --url, or set SENTRY_URL/m);
  });

  it('explains a PR number without a base in the VCS section', async () => {
    const run = await runCli(['doctor', '--no-git-metadata', '--pr-number', '5'], {
      cwd: await makeTempDir(),
      env: await baseEnv(),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}pr_number {7}5 {2}\(flag\)$/m);
    expect(run.stdout).toMatch(/^ {2}error: A pull request number \(5, from flag\) needs a base commit/m);
    expect(run.stdout).toMatch(/^ {2}hint: Pass --base-sha/m);
  });
});
