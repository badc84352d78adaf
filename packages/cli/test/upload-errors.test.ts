import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSnapshotMessages, rateLimitDetail } from '@sentry-snapshots/core/contract';
import { startEmulator } from '@sentry-snapshots/emulator';
import { encodePng, writePng } from '@sentry-snapshots/test-kit/images';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { beforeAll, describe, expect, it } from 'vitest';

/** Its first token, `writer`, is the one `testbed.env()` sets. */
const testbed = useTestEmulator(startEmulator, {
  projects: [
    { org: 'acme', project: 'web' },
    { org: 'acme', project: 'web-renamed' },
  ],
  renamedProjects: { 'old-web': 'web-renamed' },
  tokens: [
    { token: 'writer', scopes: ['project:read', 'project:write'] },
    { token: 'reader', scopes: ['project:read', 'org:read'] },
  ],
});
/** The folder uploaded: one small image. */
const folder = () => join(testbed.dir, 'images');

beforeAll(async () => {
  await writePng(join(folder(), 'a.png'), { width: 4, height: 4, seed: 11 });
});

const env = (overrides: Record<string, string | undefined> = {}) => testbed.env(overrides);

const upload = (args: string[] = [], overrides: Record<string, string | undefined> = {}) =>
  runCli(['upload', folder(), '--app-id', 'web', '--no-git-metadata', ...args], { env: env(overrides) });

describe('usage and configuration errors', () => {
  it.each([
    [['--diff-threshold', '1'], createSnapshotMessages.diffThreshold],
    [['--pr-number', '0'], createSnapshotMessages.prNumber],
    [
      ['--head-sha', 'A'.repeat(40)],
      'The head_sha field must be a 40-character hexadecimal SHA1 string (no uppercase letters).',
    ],
    [
      ['--header', 'no-colon'],
      'Invalid --header: expected KEY:VALUE, with a valid HTTP header name as the key',
    ],
    [['--concurrency', '0'], 'Invalid --concurrency "0"'],
    [['--bogus'], "unknown option '--bogus'"],
    [['--log-level', 'loud'], "argument 'loud' is invalid"],
    [
      ['--force-git-metadata'],
      "option '--force-git-metadata' cannot be used with option '--no-git-metadata'",
    ],
  ])('%j → exit 10 with a clear message', async (args, message) => {
    const run = await upload(args);
    expect(run.code, run.stderr).toBe(10);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(/^error: /m);
    expect(run.stderr).toMatch(/^hint: /m);
    expect(run.stdout).toBe('');
  });

  it('a missing <path> is a usage error', async () => {
    const run = await runCli(['upload', '--app-id', 'web'], { env: env() });
    expect(run.code, run.stderr).toBe(10);
    expect(run.stderr).toMatch(/^error: missing required argument 'path'$/m);
    expect(run.stderr).toMatch(/^hint: See `sentry-snapshots upload --help`\.$/m);
  });

  it.each([
    ['SENTRY_AUTH_TOKEN', 'No Sentry auth token was given.', '--auth-token'],
    ['SENTRY_ORG', 'No Sentry organization was given.', '--org'],
    ['SENTRY_PROJECT', 'No Sentry project was given.', '--project'],
  ])('without %s → exit 11, naming the flag and the env var', async (name, message, flag) => {
    const run = await upload([], { [name]: undefined });
    expect(run.code, run.stderr).toBe(11);
    expect(run.stderr).toContain(`error: ${message}`);
    expect(run.stderr).toMatch(new RegExp(`^hint: .*${flag}.*${name}`, 'm'));
  });

  it('without --app-id → exit 11', async () => {
    const run = await runCli(['upload', folder(), '--no-git-metadata'], { env: env() });
    expect(run.code, run.stderr).toBe(11);
    expect(run.stderr).toMatch(/^error: No app id was given\.$/m);
    expect(run.stderr).toMatch(/^hint: Pass --app-id/m);
  });

  it('--json prints the error as JSON on stdout too', async () => {
    const run = await upload(['--json'], { SENTRY_AUTH_TOKEN: undefined });
    expect(run.code, run.stderr).toBe(11);
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: { code: 'MISSING_AUTH_TOKEN', family: 'config', message: 'No Sentry auth token was given.' },
      exitCode: 11,
    });
    expect(run.stderr).toMatch(/^error: No Sentry auth token/m);
  });
});

describe('input errors', () => {
  it('a folder that does not exist → exit 20', async () => {
    const run = await runCli(['upload', join(folder(), 'nope'), '--app-id', 'web'], { env: env() });
    expect(run.code, run.stderr).toBe(20);
    expect(run.stderr).toMatch(/^error: .*nope/m);
  });

  it('a folder without images → exit 20', async () => {
    const empty = await makeTempDir();
    await writeFile(join(empty, 'notes.txt'), 'no images here');
    const run = await runCli(['upload', empty, '--app-id', 'web', '--no-git-metadata'], { env: env() });
    expect(run.code, run.stderr).toBe(20);
    expect(run.stderr).toMatch(/^error: No PNG or JPEG images were found in /m);
  });

  it('a names file it cannot read → exit 20', async () => {
    const run = await upload([
      '--all-image-file-names-file',
      join(folder(), 'missing.txt'),
      '--base-sha',
      'a'.repeat(40),
    ]);
    expect(run.code, run.stderr).toBe(20);
    expect(run.stderr).toMatch(/^error: Cannot read the image names file .*missing\.txt/m);
  });

  it('a snapshot Sentry would refuse (selective without a base) → exit 20 with the server message', async () => {
    const run = await upload(['--selective']);
    expect(run.code, run.stderr).toBe(20);
    expect(run.stderr).toMatch(/^error: selective requires base_sha to be provided\.$/m);
  });

  it('an image it cannot read → exit 20 naming the file', async (context) => {
    // Root reads any file: run the CLI as an unprivileged user then, if that user can run it here.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    if (user && (await runCli(['--version'], { user })).code !== 0) {
      context.skip('running as root, and user 65534 cannot run the built CLI from this checkout');
    }
    const root = await makeTempDir();
    await chmod(root, 0o755);
    await mkdir(join(root, 'shots'), { mode: 0o755 });
    await writeFile(join(root, 'shots', 'ok.png'), encodePng({ width: 2, height: 2, seed: 1 }));
    await writeFile(join(root, 'shots', 'locked.png'), encodePng({ width: 2, height: 2, seed: 2 }));
    await chmod(join(root, 'shots', 'locked.png'), 0o000);
    const run = await runCli(['upload', join(root, 'shots'), '--app-id', 'web', '--no-git-metadata'], {
      env: env(),
      cwd: root,
      ...(user ? { user } : {}),
    });
    expect(run.code, run.stderr).toBe(20);
    expect(run.stderr).toMatch(/^error: .*locked\.png/m);
  });
});

describe('server and network errors', () => {
  it('401 (bad token) → exit 30, asked before any image is read', async () => {
    const run = await upload([], { SENTRY_AUTH_TOKEN: 'wrong' });
    expect(run.code, run.stderr).toBe(30);
    expect(run.stderr).toMatch(/^error: /m);
    expect(run.stderr).toMatch(/^hint: .*token/im);
    // The upload options need no image: a wrong token fails in the first round trip.
    expect(run.stderr).not.toContain('Reading images');
  });

  it('403 (token without project:write) → exit 30', async () => {
    const run = await upload([], { SENTRY_AUTH_TOKEN: 'reader' });
    expect(run.code, run.stderr).toBe(30);
    expect(run.stderr).toMatch(/^hint: .*(project:write|org:ci)/m);
  });

  it('404 (unknown project) → exit 31 naming it', async () => {
    const run = await upload([], { SENTRY_PROJECT: 'nope' });
    expect(run.code, run.stderr).toBe(31);
    expect(run.stderr).toMatch(/^error: .*nope/m);
  });

  it('a renamed project → exit 31 naming the new slug', async () => {
    const run = await upload(['--json'], { SENTRY_PROJECT: 'old-web' });
    expect(run.code, run.stderr).toBe(31);
    expect(run.stderr).toMatch(/^error: .*web-renamed/m);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'PROJECT_RENAMED' });
  });

  it('429 after retries → exit 40 with the server message', async () => {
    testbed.emulator.faults.inject({
      method: 'POST',
      path: '/preprodartifacts/snapshots/',
      status: 429,
      headers: { 'Retry-After': '0' },
      body: { detail: rateLimitDetail(100, 60) },
      times: 100,
    });
    const run = await upload();
    testbed.emulator.faults.clear();
    expect(run.code, run.stderr).toBe(40);
    expect(run.stderr).toContain('Limit is 100 requests in 60 seconds');
  });

  it('5xx after retries → exit 40', async () => {
    testbed.emulator.faults.inject({
      path: 'upload-options',
      status: 503,
      headers: { 'Retry-After': '0' },
      times: 100,
    });
    const run = await upload();
    testbed.emulator.faults.clear();
    expect(run.code, run.stderr).toBe(40);
    expect(run.stderr).toMatch(/^error: .*503/m);
  });

  it('a dropped connection after retries → exit 41', async () => {
    testbed.emulator.faults.inject({ path: 'upload-options', dropConnection: true, times: 100 });
    const run = await upload();
    testbed.emulator.faults.clear();
    expect(run.code, run.stderr).toBe(41);
    expect(run.stderr).toMatch(/^error: /m);
  });

  it('a server that is not there → exit 41', async () => {
    const run = await upload([], { SENTRY_URL: 'http://127.0.0.1:9/' });
    expect(run.code, run.stderr).toBe(41);
    expect(run.stderr).toMatch(/^error: .*127\.0\.0\.1/m);
    expect(run.stderr).toMatch(
      /^hint: Is the server at http:\/\/127\.0\.0\.1:9 running, and is that the right URL\?/m,
    );
  });
});
