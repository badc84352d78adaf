import { writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { createTempDir, type TempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GitHubApiServer, startGitHubApiServer } from './github-api-server.js';
import { type BundleRun, bundleSkipReason, runBundle } from './run-bundle.js';

const repository = 'acme/web';
const baseSha = 'a'.repeat(40);
const headSha = 'b'.repeat(40);
const size = { width: 64, height: 48 };

let temp: TempDir;
let emulator: Emulator;
let github: GitHubApiServer;
let baseArtifactId: string | undefined;
let baseDir: string;
let headDir: string;

beforeAll(async () => {
  if (bundleSkipReason) {
    // Reporters list skipped tests without their note; this line says why.
    console.warn(`Skipping the bundle's end-to-end tests: ${bundleSkipReason}`);
    return;
  }
  temp = await createTempDir('action-e2e-');
  emulator = await startEmulator({ port: 0, dataDir: join(temp.path, 'emulator') });
  github = await startGitHubApiServer(repository);
  // The base: three screens. The head: one changed, one kept, one removed, one added.
  baseDir = join(temp.path, 'base');
  headDir = join(temp.path, 'head');
  await mkdir(join(baseDir, 'screenshots', 'settings'), { recursive: true });
  await mkdir(join(headDir, 'screenshots', 'settings'), { recursive: true });
  await writePng(join(baseDir, 'screenshots', 'home.png'), { ...size, seed: 1 });
  await writePng(join(baseDir, 'screenshots', 'settings', 'profile.png'), { ...size, seed: 2 });
  await writePng(join(baseDir, 'screenshots', 'login.png'), { ...size, seed: 3 });
  await writePng(join(headDir, 'screenshots', 'home.png'), { ...size, seed: 9 });
  await writePng(join(headDir, 'screenshots', 'settings', 'profile.png'), { ...size, seed: 2 });
  await writePng(join(headDir, 'screenshots', 'signup.png'), { ...size, seed: 4 });
}, 60_000);

afterAll(async () => {
  await github?.close();
  await emulator?.close();
  await temp?.remove();
});

function pushEvent(sha: string) {
  return {
    name: 'push',
    payload: {
      ref: 'refs/heads/main',
      before: '0'.repeat(40),
      after: sha,
      created: false,
      deleted: false,
      forced: false,
      head_commit: { id: sha, message: 'Update screens', timestamp: '2026-11-29T02:00:00Z' },
      repository: { full_name: repository, name: 'web', owner: { login: 'acme' }, default_branch: 'main' },
      pusher: { name: 'octocat' },
      sender: { login: 'octocat', type: 'User' },
    },
  };
}

function pullRequestEvent(number: number, headRepository = repository) {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: {
        number,
        state: 'open',
        title: 'New signup screen',
        user: { login: 'octocat' },
        head: {
          label: `${headRepository.split('/')[0]}:feature`,
          ref: 'feature',
          sha: headSha,
          repo: { full_name: headRepository, fork: headRepository !== repository },
        },
        base: { label: 'acme:main', ref: 'main', sha: baseSha, repo: { full_name: repository, fork: false } },
      },
      repository: { full_name: repository, name: 'web', owner: { login: 'acme' } },
      sender: { login: 'octocat', type: 'User' },
    },
  };
}

/** What every run shares: the emulator as Sentry, the local stand-in as GitHub's API. */
function run(cwd: string, inputs: Record<string, string>, event: BundleRun['event'], env = {}) {
  return runBundle({
    cwd,
    event,
    inputs: {
      path: 'screenshots',
      'app-id': 'web',
      org: 'acme',
      project: 'web',
      url: emulator.url,
      ...inputs,
    },
    env: { GITHUB_REPOSITORY: repository, GITHUB_API_URL: github.url, GITHUB_ACTOR: 'octocat', ...env },
  });
}

const baseVcs = {
  'head-sha': baseSha,
  'head-ref': 'main',
  'head-repo-name': repository,
  'vcs-provider': 'github',
};
const headVcs = {
  'head-sha': headSha,
  'base-sha': baseSha,
  'head-ref': 'feature',
  'base-ref': 'main',
  'head-repo-name': repository,
  'base-repo-name': repository,
  'vcs-provider': 'github',
  'pr-number': '7',
};

describe('the bundled action, run as the runner runs it', () => {
  beforeEach((context) => {
    if (bundleSkipReason) context.skip(bundleSkipReason);
  });

  it('uploads the base on a push: outputs, summary, masked token, exit 0', async () => {
    const result = await run(
      baseDir,
      { 'auth-token': emulator.token, 'git-metadata': 'off', ...baseVcs },
      pushEvent(baseSha),
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`::add-mask::${emulator.token}`);
    expect(result.outputs).toMatchObject({
      'image-count': '3',
      'stored-count': '3',
      'reused-count': '0',
      'comparison-state': '',
      'changed-count': '',
    });
    const artifactId = result.outputs['artifact-id'] ?? '';
    expect(artifactId).toMatch(/^\d+$/);
    baseArtifactId = artifactId;
    expect(result.outputs['snapshot-url']).toContain(artifactId);
    expect(JSON.parse(result.outputs['result-json'] ?? '{}')).toMatchObject({
      artifactId,
      appId: 'web',
      images: { count: 3 },
      vcs: { headSha: baseSha, headRef: 'main' },
    });

    expect(result.summary).toContain(
      `[View snapshot ${artifactId} in Sentry](${result.outputs['snapshot-url']})`,
    );
    expect(result.summary).toContain(`| <code>head_sha</code> | <code>${baseSha}</code> |`);
    expect(result.summary).toContain('### Timings');
    expect(emulator.getSnapshot(artifactId)?.manifest).toMatchObject({
      app_id: 'web',
      head_sha: baseSha,
      head_ref: 'main',
      head_repo_name: repository,
      provider: 'github',
    });
  }, 120_000);

  it('gives a base uploaded on a push, with nothing but the runner’s variables, the four fields Sentry needs', async () => {
    const pushSha = 'e'.repeat(40);
    const result = await run(
      baseDir,
      { 'app-id': 'from-runner', 'auth-token': emulator.token },
      pushEvent(pushSha),
      {
        GITHUB_SHA: pushSha,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_REF_NAME: 'main',
        GITHUB_REF_TYPE: 'branch',
        GITHUB_SERVER_URL: 'https://github.com',
      },
    );
    expect(result.exitCode).toBe(0);
    const manifest = emulator.getSnapshot(result.outputs['artifact-id'] ?? '')?.manifest;
    expect(manifest).toMatchObject({
      head_sha: pushSha,
      head_ref: 'main',
      head_repo_name: repository,
      provider: 'github',
    });
    expect(manifest?.base_sha).toBeUndefined();
  }, 120_000);

  it('refuses a truncated screenshot by default (strict), before anything is stored', async () => {
    const cwd = join(temp.path, 'strict');
    await mkdir(join(cwd, 'screenshots'), { recursive: true });
    await writePng(join(cwd, 'screenshots', 'good.png'), { ...size, seed: 15 });
    const whole = await writePng(join(cwd, 'screenshots', 'cut.png'), { ...size, seed: 16 });
    await writeFile(join(cwd, 'screenshots', 'cut.png'), whole.subarray(0, Math.floor(whole.length / 2)));
    emulator.resetStats();
    const result = await run(
      cwd,
      { 'app-id': 'strict', 'auth-token': emulator.token, 'git-metadata': 'off' },
      pushEvent(baseSha),
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      `::error::Refusing to upload ${join(cwd, 'screenshots')}: 1 image would be skipped: cut.png (the file is truncated: it does not end with the PNG end chunk (IEND)).`,
    );
    expect(emulator.stats.objectsStored).toBe(0);
    expect(emulator.stats.requests['POST create-snapshot']).toBeUndefined();
  }, 120_000);

  it('turns the upload’s warnings into annotations and a summary section (strict: false)', async () => {
    const cwd = join(temp.path, 'warnings');
    await mkdir(join(cwd, 'screenshots'), { recursive: true });
    await writePng(join(cwd, 'screenshots', 'good.png'), { ...size, seed: 5 });
    await writeFile(join(cwd, 'screenshots', 'broken.png'), 'not an image');
    const result = await run(
      cwd,
      { 'app-id': 'warnings', 'auth-token': emulator.token, 'git-metadata': 'off', strict: 'false' },
      pushEvent(baseSha),
    );
    expect(result.exitCode).toBe(0);
    expect(result.outputs['image-count']).toBe('1');
    expect(result.stdout).toMatch(/^::warning::.*broken\.png/m);
    expect(result.summary).toMatch(/### Warnings\n\n- .*broken\.png/);
  }, 120_000);

  it('comments on a pull request once, then updates that comment on the next push', async () => {
    const inputs = {
      'auth-token': emulator.token,
      'git-metadata': 'off',
      ...headVcs,
      comment: 'always',
      'github-token': 'ghs_pull_request_token',
    };
    const first = await run(headDir, inputs, pullRequestEvent(7));
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('::add-mask::ghs_pull_request_token');
    expect(first.stdout).toMatch(
      /Comment created: https:\/\/github\.test\/acme\/web\/pull\/7#issuecomment-\d+/,
    );
    const second = await run(headDir, inputs, pullRequestEvent(7));
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain('Comment updated:');

    const ours = github.comments.filter((comment) => comment.body.includes('sentry-snapshots:app-id=web'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ issueNumber: 7 });
    expect(ours[0]?.body).toContain(`[View snapshot ${second.outputs['artifact-id']} in Sentry]`);
    expect(github.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(github.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
    expect(
      github.requests.every((request) => request.authorization === 'Bearer ghs_pull_request_token'),
    ).toBe(true);
    // The second upload of the same folder stores nothing again.
    expect(second.outputs).toMatchObject({ 'stored-count': '0', 'reused-count': '3' });
  }, 120_000);

  it('only warns when GitHub refuses the comment, as it does a fork’s read-only token', async () => {
    github.denyWith = 403;
    try {
      const result = await run(
        headDir,
        {
          'auth-token': emulator.token,
          'git-metadata': 'off',
          ...headVcs,
          comment: 'always',
          'github-token': 'ghs_ro',
        },
        pullRequestEvent(7),
      );
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(
        /::warning::The pull-request comment failed: GitHub answered 403 .*pull-requests: write/,
      );
    } finally {
      github.denyWith = undefined;
    }
  }, 120_000);

  it('fails a pull request whose images changed under fail-on-changes, and says what changed', async () => {
    const inputs = {
      'auth-token': emulator.token,
      'git-metadata': 'off',
      ...headVcs,
      'fail-on-changes': 'true',
      comment: 'on-changes',
      'github-token': 'ghs_pull_request_token',
      'wait-timeout': '60s',
    };
    const result = await run(headDir, inputs, pullRequestEvent(9));
    expect(result.outputs).toMatchObject({
      'image-count': '3',
      'comparison-state': 'success',
      'changed-count': '1',
      'added-count': '1',
      'removed-count': '1',
      'unchanged-count': '1',
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /::error::Snapshot \d+ differs from its base: 1 changed, 1 added, 1 removed\. Changed: home\.png\. Added: signup\.png\. Removed: login\.png\.%0AHint: Review/,
    );
    expect(result.summary).toContain('**Changed**\n\n- <code>home.png</code>');
    expect(result.summary).toContain('**Added**\n\n- <code>signup.png</code>');
    expect(result.summary).toContain('**Removed**\n\n- <code>login.png</code>');
    expect(result.summary).toMatch(
      /\*\*Failed\*\*: Snapshot \d+ differs from its base: 1 changed, 1 added, 1 removed/,
    );
    // The emulator compared the head with the push's upload, found by base_sha.
    expect(JSON.parse(result.outputs['result-json'] ?? '{}').comparison).toMatchObject({
      base_artifact_id: baseArtifactId,
      changed_count: 1,
    });
    const comment = github.comments.find((each) => each.issueNumber === 9);
    expect(comment?.body).toContain('1 changed, 1 added, 1 removed');
  }, 120_000);

  it('passes a pull request without visual changes, and posts no comment under on-changes', async () => {
    const result = await run(
      baseDir,
      {
        'auth-token': emulator.token,
        'git-metadata': 'off',
        ...headVcs,
        'fail-on-changes': 'true',
        comment: 'on-changes',
        'github-token': 'ghs_pull_request_token',
      },
      pullRequestEvent(10),
    );
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      'comparison-state': 'success',
      'changed-count': '0',
      'unchanged-count': '3',
    });
    expect(result.summary).toContain('**No visual changes in 3 images.**');
    expect(JSON.parse(result.outputs['result-json'] ?? '{}').comparison).toMatchObject({
      base_artifact_id: baseArtifactId,
    });
    expect(github.comments.filter((comment) => comment.issueNumber === 10)).toEqual([]);
  }, 120_000);

  it('takes the pull request head from the event, never the merge commit, and the token from SENTRY_AUTH_TOKEN', async () => {
    const mergeCommit = 'c'.repeat(40);
    const result = await run(headDir, {}, pullRequestEvent(11, 'someone/web'), {
      SENTRY_AUTH_TOKEN: emulator.token,
      GITHUB_SHA: mergeCommit,
      GITHUB_REF: 'refs/pull/11/merge',
      GITHUB_REF_NAME: '11/merge',
      GITHUB_HEAD_REF: 'feature',
      GITHUB_BASE_REF: 'main',
      GITHUB_SERVER_URL: 'https://github.com',
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`::add-mask::${emulator.token}`);
    const manifest = emulator.getSnapshot(result.outputs['artifact-id'] ?? '')?.manifest;
    expect(manifest).toMatchObject({
      head_sha: headSha,
      base_sha: baseSha,
      head_repo_name: 'someone/web',
      base_repo_name: repository,
      head_ref: 'feature',
      base_ref: 'main',
      pr_number: 11,
      provider: 'github',
    });
    expect(result.summary).toContain(`| <code>head_sha</code> | <code>${headSha}</code> |`);
    expect(result.summary).not.toContain(mergeCommit);
  }, 120_000);

  it('turns a Sentry outage into a warning with fail-on-error: false', async () => {
    // Retry-After: 0 keeps core's retries from sleeping through the test.
    emulator.faults.inject({
      path: '/upload-options/',
      status: 503,
      headers: { 'retry-after': '0' },
      times: 1000,
    });
    try {
      const inputs = { 'auth-token': emulator.token, 'git-metadata': 'off', ...baseVcs };
      const forgiven = await run(baseDir, { ...inputs, 'fail-on-error': 'false' }, pushEvent(baseSha));
      expect(forgiven.exitCode).toBe(0);
      expect(forgiven.stdout).toMatch(/::warning title=Sentry snapshots failed; fail-on-error is off::/);
      expect(forgiven.summary).toContain('**Warning** (fail-on-error is off)');
      expect(forgiven.outputs['artifact-id']).toBeUndefined();

      const strict = await run(baseDir, inputs, pushEvent(baseSha));
      expect(strict.exitCode).toBe(1);
      expect(strict.stdout).toContain('::error::');
      expect(strict.summary).toContain('**Failed**');
    } finally {
      emulator.faults.clear();
    }
  }, 240_000);

  it('keeps the upload’s outputs and warns when the comparison does not end in time, with fail-on-error: false', async () => {
    const result = await run(
      headDir,
      {
        'auth-token': emulator.token,
        'git-metadata': 'off',
        ...headVcs,
        // No base was uploaded for this commit: Sentry keeps waiting for one.
        'base-sha': 'd'.repeat(40),
        wait: 'true',
        'wait-timeout': '2s',
        'fail-on-error': 'false',
      },
      pullRequestEvent(12),
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('comparison: waiting_for_base');
    expect(result.stdout).toMatch(
      /::warning title=.*::The comparison of snapshot \d+ did not finish within 2 s/,
    );
    expect(result.outputs).toMatchObject({ 'image-count': '3', 'comparison-state': '' });
    expect(result.outputs['artifact-id']).toMatch(/^\d+$/);
    expect(result.summary).toContain('Uploaded; the comparison did not finish (see below).');
    expect(result.summary).toContain('**Warning** (fail-on-error is off): The comparison of snapshot');
  }, 120_000);

  it('skips a fork pull request that has no token, with a notice, and uploads nothing', async () => {
    emulator.resetStats();
    const result = await run(headDir, { ...headVcs }, pullRequestEvent(8, 'someone/web'));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('::notice title=Sentry snapshots::Sentry snapshot upload skipped');
    expect(result.summary).toContain('Skipped: no Sentry auth token on this fork or Dependabot pull request');
    expect(result.outputs).toEqual({});
    expect(Object.keys(emulator.stats.requests)).toEqual([]);

    const strict = await run(
      headDir,
      { 'skip-on-missing-token': 'false' },
      pullRequestEvent(8, 'someone/web'),
    );
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toContain(
      '::error::No Sentry auth token was given.%0AHint: Set the "auth-token" input from a secret (or SENTRY_AUTH_TOKEN in the step\'s env).',
    );
  }, 120_000);

  it('refuses a bad input before any request, naming the input', async () => {
    emulator.resetStats();
    const result = await run(
      baseDir,
      { 'auth-token': emulator.token, 'diff-threshold': '1' },
      pushEvent(baseSha),
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      '::error::Invalid input diff-threshold "1": The diff_threshold field must be',
    );
    const noProject = await run(baseDir, { 'auth-token': emulator.token, project: '' }, pushEvent(baseSha));
    expect(noProject.exitCode).toBe(1);
    expect(noProject.stdout).toContain(
      '::error::No Sentry project was given.%0AHint: Set the "project" input',
    );
    expect(Object.keys(emulator.stats.requests)).toEqual([]);
  }, 60_000);

  it('keeps hostile image names inert in the log, the summary and the comment', async () => {
    const cwd = join(temp.path, 'hostile-names');
    const shots = join(cwd, 'screenshots');
    await mkdir(shots, { recursive: true });
    await writePng(join(shots, 'good.png'), { ...size, seed: 20 });
    const baseRun = await run(
      cwd,
      { 'app-id': 'hostile', 'auth-token': emulator.token, 'git-metadata': 'off', ...baseVcs },
      pushEvent(baseSha),
    );
    expect(baseRun.exitCode, baseRun.stdout).toBe(0);
    // A fork's pull request names these files: a line break, workflow commands, ESC, BEL, bytes not UTF-8.
    await writePng(join(shots, 'evil\n::add-mask::secret-part\x1b[31m.png'), { ...size, seed: 21 });
    await writeFile(join(shots, 'broken\n::error::injected\x07.png'), 'not an image');
    writeFileSync(
      Buffer.concat([Buffer.from(`${shots}/`), Buffer.from([0xff, 0x61]), Buffer.from('.png')]),
      'x',
    );
    const result = await run(
      cwd,
      {
        'app-id': 'hostile',
        'auth-token': emulator.token,
        'git-metadata': 'off',
        ...headVcs,
        wait: 'true',
        comment: 'always',
        'github-token': 'ghs_hostile_token',
        // Skipped files are what this test shows inert: strict would refuse them.
        strict: 'false',
      },
      pullRequestEvent(31),
    );
    expect(result.exitCode, result.stdout).toBe(0);
    expectInertLog(result);
    expect(result.stdout).toMatch(/^::warning::Skipped broken\\n::error::injected\\x07\.png: /m);
    expect(result.stdout).toMatch(/^::warning::Skipped \\xffa\.png: the file name is not valid UTF-8/m);
    const shown = '<code>evil&#92;n::add-mask::secret-part&#92;x1b&#91;31m.png</code>';
    expect(result.summary).toContain(shown);
    expect(result.summary).not.toContain('\x1b');
    expect(result.summary).not.toContain('\x07');
    const comment = github.comments.find((candidate) => candidate.issueNumber === 31);
    expect(comment?.body).toContain(shown);
  }, 120_000);

  it('keeps a hostile server detail inert in the log and the summary', async () => {
    emulator.faults.inject({
      method: 'POST',
      path: '/preprodartifacts/snapshots/',
      status: 400,
      body: { detail: 'Refused\x1b]0;pwned\x07\n::error::injected' },
      times: 1,
    });
    try {
      const result = await run(
        baseDir,
        { 'auth-token': emulator.token, 'git-metadata': 'off' },
        pushEvent(baseSha),
      );
      expect(result.exitCode).toBe(1);
      expectInertLog(result);
      expect(result.stdout).toContain('::error::Refused\\x1b]0;pwned\\x07\\n::error::injected');
      expect(result.summary).toContain('Refused&#92;x1b&#93;0;pwned&#92;x07&#92;n::error::injected');
    } finally {
      emulator.faults.clear();
    }
  }, 120_000);
});

/** No control character but line ends, and no line the runner would take for a command but ours. */
function expectInertLog(result: { stdout: string; stderr: string }): void {
  for (const text of [result.stdout, result.stderr]) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(text).not.toMatch(
      /^\s*::(?!(?:warning|error|notice|debug)(?: [^:]*)?::|add-mask::ghs_|add-mask::[\w-]+$)/m,
    );
    expect(text).not.toMatch(/^\s*::(?:error|add-mask)::(?:injected|secret-part)/m);
  }
}
