import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEmulator } from '@sentry-snapshots/emulator';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeContractFolder } from './contract-folder.js';

const sentryCli = fileURLToPath(new URL('../node_modules/.bin/sentry-cli', import.meta.url));

const testbed = useTestEmulator(startEmulator);
/** The image keys of the uploaded folder: what a download must give back. */
let keys: string[];
let artifactId: string;

const env = () => testbed.env({ SENTRY_PROJECT: undefined });

beforeAll(async () => {
  // Sidecars, dot-files and a text file sit beside the images: only images are uploaded.
  keys = Object.keys(await writeContractFolder(testbed.dir)).sort();
  const run = await runCli(
    ['upload', testbed.dir, '--app-id', 'dl-app', '--json', '--no-git-metadata', '--head-ref', 'main'],
    { env: { ...env(), SENTRY_PROJECT: 'web' } },
  );
  expect(run.code, run.stderr).toBe(0);
  artifactId = JSON.parse(run.stdout).artifactId;
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** Every uploaded image is in `dir` under its key with the very bytes uploaded, and nothing else is. */
async function expectSameImages(dir: string): Promise<void> {
  expect(await listFiles(dir)).toEqual(keys);
  for (const key of keys) {
    expect(await readFile(join(dir, key)), key).toEqual(await readFile(join(testbed.dir, key)));
  }
}

describe('sentry-snapshots download', () => {
  it('downloads the latest base of an app: byte-identical images under their keys, no sidecars', async () => {
    const cwd = await makeTempDir();
    const run = await runCli(['download', '--app-id', 'dl-app'], { env: env(), cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        "Resolving latest baseline snapshot for app 'dl-app'...",
        `Found snapshot ${artifactId} (${keys.length} images)`,
        'Building snapshot archive...',
        `Downloading snapshot ${artifactId}...`,
        '',
        `Downloaded ${keys.length} images from snapshot ${artifactId} to ./snapshots-base/`,
        '',
      ].join('\n'),
    );
    // The default folder, as sentry-cli's; the zip left no trace beside it.
    expect(await readdir(cwd)).toEqual(['snapshots-base']);
    await expectSameImages(join(cwd, 'snapshots-base'));
  });

  it('downloads a given snapshot with --json into a folder that is not empty only with --clean', async () => {
    const output = await makeTempDir();
    await writeFile(join(output, keys[0]!), 'stale');
    await writeFile(join(output, 'of-another-snapshot.png'), 'stale');
    testbed.emulator.resetStats();
    const refused = await runCli(['download', '--snapshot-id', artifactId, '--output', output, '--json'], {
      env: env(),
    });
    expect(refused.code).toBe(20);
    expect(JSON.parse(refused.stdout).error).toMatchObject({
      code: 'OUTPUT_UNWRITABLE',
      message: `The output folder ${output} is not empty (${[keys[0], 'of-another-snapshot.png'].sort().join(', ')}): an earlier run's files would be mixed with this one's.`,
      hint: 'Pass --clean. Or choose an empty or new folder.',
    });
    // Refused before any request, the folder as it was.
    expect(testbed.emulator.stats.requests).toEqual({});
    expect((await readdir(output)).sort()).toEqual([keys[0], 'of-another-snapshot.png'].sort());

    const run = await runCli(
      ['download', '--snapshot-id', artifactId, '--output', output, '--json', '--clean'],
      { env: env() },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      artifactId,
      output,
      files: expect.arrayContaining(keys),
      bytes: expect.any(Number),
      archiveBytes: expect.any(Number),
    });
    await expectSameImages(output);
  });

  it('gives the same files as the official sentry-cli 3.8.0 download', async () => {
    const official = await makeTempDir();
    const ours = await makeTempDir();
    await promisify(execFile)(
      sentryCli,
      ['snapshots', 'download', '--snapshot-id', artifactId, '--output', official],
      { env: { PATH: process.env.PATH ?? '', HOME: official, ...env() }, timeout: 50_000 },
    );
    const run = await runCli(['download', '--snapshot-id', artifactId, '--output', ours], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(await listFiles(ours)).toEqual(await listFiles(official));
    for (const file of await listFiles(official)) {
      expect(await readFile(join(ours, file)), file).toEqual(await readFile(join(official, file)));
    }
  });

  it('filters the latest base by branch and project, and says when there is none', async () => {
    const output = await makeTempDir();
    const found = await runCli(
      ['download', '--app-id', 'dl-app', '--branch', 'main', '-p', 'web', '--output', output, '--quiet'],
      { env: env() },
    );
    expect(found.code, found.stderr).toBe(0);
    expect(found.stderr).toBe('');
    await expectSameImages(output);

    const none = await runCli(['download', '--app-id', 'dl-app', '--branch', 'release', '--json'], {
      env: env(),
    });
    expect(none.code).toBe(31);
    expect(JSON.parse(none.stdout).error).toMatchObject({
      code: 'NO_BASE_SNAPSHOT',
      message: "No baseline snapshot found for app 'dl-app' on branch 'release'.",
    });
  });

  it('gives up when the archive is not ready within --timeout', async () => {
    testbed.emulator.faults.inject({
      method: 'GET',
      path: /\/archive\/$/,
      status: 200,
      body: { ready: false },
      times: 1000,
    });
    const cwd = await makeTempDir();
    const run = await runCli(['download', '--snapshot-id', artifactId, '--timeout', '1', '--json'], {
      env: env(),
      cwd,
    });
    testbed.emulator.faults.clear();
    expect(run.code).toBe(40);
    expect(JSON.parse(run.stdout).error).toMatchObject({
      code: 'ARCHIVE_NOT_READY',
      message: `The archive of snapshot ${artifactId} was not ready after 1 s.`,
    });
    expect(run.stderr).toContain('Building snapshot archive...');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('retries a download whose connection was dropped', async () => {
    testbed.emulator.faults.inject({ method: 'GET', path: '?download', dropConnection: true, times: 1 });
    const output = await makeTempDir();
    const run = await runCli(['download', '--snapshot-id', artifactId, '--output', output], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    await expectSameImages(output);
  });

  it('says so when the output folder cannot be made (exit 20)', async () => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, 'taken'), 'a file, not a folder');
    const run = await runCli(['download', '--snapshot-id', artifactId, '--output', 'taken', '--json'], {
      env: env(),
      cwd,
    });
    expect(run.code).toBe(20);
    expect(JSON.parse(run.stdout).error).toMatchObject({
      code: 'OUTPUT_UNWRITABLE',
      message: 'The output folder taken is a file.',
    });
    expect(await readFile(join(cwd, 'taken'), 'utf8')).toBe('a file, not a folder');
  });

  it.each([
    [
      ['--app-id', 'dl-app', '--snapshot-id', '1'],
      10,
      "option '--app-id <APP_ID>' cannot be used with option '--snapshot-id <ID>'",
    ],
    [[], 10, 'Exactly one of an app id and a snapshot id must be given.\nhint: Pass --snapshot-id.'],
    [
      ['--snapshot-id', '1', '--branch', 'main'],
      10,
      'A branch can only be given with an app id.\nhint: Pass --branch.',
    ],
    [['--snapshot-id', '987654'], 31, "Snapshot '987654' was not found in organization 'acme'."],
  ])('refuses %j (exit %i)', async (args, code, message) => {
    const run = await runCli(['download', ...args], { env: env() });
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(`error: ${message}`);
  });
});
