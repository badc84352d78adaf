import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UploadResultSchema } from '@sentry-snapshots/core/contract';
import { startEmulator } from '@sentry-snapshots/emulator';
import { runCli, spawnCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { describe, expect, it } from 'vitest';
import { writeContractFolder, writeLargeImage } from './contract-folder.js';

const testbed = useTestEmulator(startEmulator);
const env = () => testbed.env();

async function readDetail(artifactId: string): Promise<{ images: Record<string, unknown>[] }> {
  const response = await fetch(
    `${testbed.emulator.url}/api/0/organizations/acme/preprodartifacts/snapshots/${artifactId}/`,
    {
      headers: { Authorization: `Bearer ${testbed.emulator.token}` },
    },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { images: Record<string, unknown>[] };
}

describe('sentry-snapshots upload', () => {
  it('sends exactly the contract manifest for a folder of every kind of file', async () => {
    const folder = await makeTempDir();
    const images = await writeContractFolder(folder);
    const run = await runCli(['upload', folder, '--app-id', 'web', '--json', '--no-git-metadata'], {
      env: env(),
    });
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code, run.stderr).toBe(0);
    const result = UploadResultSchema.parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({
      org: 'acme',
      project: 'web',
      appId: 'web',
      dryRun: false,
      images: {
        count: 6,
        skipped: 0,
        uniqueObjects: 5,
        skippedFiles: [],
        ignoredSidecars: [
          { name: 'settings/profile.json', reason: 'it must be a JSON object, not an array' },
        ],
      },
      objects: { stored: 5, reused: 0 },
    });
    expect(testbed.emulator.getSnapshot(result.artifactId!)?.manifest).toEqual({ app_id: 'web', images });

    const detail = await readDetail(result.artifactId!);
    const byName = Object.fromEntries(detail.images.map((image) => [image.image_file_name, image]));
    expect(Object.keys(byName).sort()).toEqual(Object.keys(images).sort());
    for (const [name, image] of Object.entries(images)) {
      expect(byName[name]).toMatchObject({
        key: image.content_hash,
        width: image.width,
        height: image.height,
      });
    }
    expect(byName['home.png']).toMatchObject({ display_name: 'Home', group: 'main' });
    expect(run.stderr).toMatch(/^warning: .*profile\.json/m);
  });

  it('sends a selective upload with the full list of names and the explicit VCS fields', async () => {
    const folder = await makeTempDir();
    const images = await writeContractFolder(folder);
    const namesFile = join(folder, '..', `${basename(folder)}-names.txt`);
    await writeFile(namesFile, `${Object.keys(images).join('\n')}\nremoved/old.png\n\n`);
    const baseSha = 'b'.repeat(40);
    const run = await runCli(
      [
        'upload',
        folder,
        '--app-id',
        'web',
        '--json',
        '--no-git-metadata',
        '--all-image-file-names-file',
        namesFile,
        '--base-sha',
        baseSha,
        '--base-repo-name',
        'acme/web',
        '--pr-number',
        '7',
        '--diff-threshold',
        '0.02',
      ],
      { env: env() },
    );
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code, run.stderr).toBe(0);
    const manifest = testbed.emulator.getSnapshot(JSON.parse(run.stdout).artifactId)?.manifest;
    expect(manifest).toEqual({
      app_id: 'web',
      images,
      selective: true,
      all_image_file_names: [...Object.keys(images), 'removed/old.png'],
      base_sha: baseSha,
      base_repo_name: 'acme/web',
      pr_number: 7,
      diff_threshold: 0.02,
    });
  });

  it('stores no object again on a second upload of the same folder', async () => {
    const folder = await makeTempDir();
    await writeContractFolder(folder);
    const first = await runCli(['upload', folder, '--app-id', 'again', '--json', '--no-git-metadata'], {
      env: env(),
    });
    expect(first.code, first.stderr).toBe(0);
    testbed.emulator.resetStats();
    const second = await runCli(['upload', folder, '--app-id', 'again', '--json', '--no-git-metadata'], {
      env: env(),
    });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).objects).toMatchObject({ stored: 0, reused: 5 });
    expect(testbed.emulator.stats.objectsStored).toBe(0);
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBe(1);
  });

  it('prints counts, stored and reused objects, bytes, timing and the URL for people', async () => {
    const folder = await makeTempDir();
    await writeContractFolder(folder);
    await writeLargeImage(folder, 'big/unique.png', 50_000);
    const run = await runCli(['upload', folder, '--app-id', 'human', '--no-git-metadata'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Uploaded a snapshot of 7 images \(acme\/web, app "human"\)\.$/m);
    expect(run.stdout).toMatch(/^ {2}objects {2}\d+ stored, \d+ reused, [\d.]+ k?B sent in \d+ requests?$/m);
    expect(run.stdout).toMatch(/^ {2}time {5}[\d.]+ m?s \(discover/m);
    expect(run.stdout).toMatch(
      new RegExp(`^ {2}url {6}${testbed.emulator.url}/organizations/acme/preprod/snapshots/\\d+/`, 'm'),
    );
    // Not a terminal: plain progress lines on stderr, none on stdout.
    expect(run.stderr).toMatch(/^Reading images: 7\/7 \(100%\)/m);
    expect(run.stdout).not.toMatch(/Reading images/);
  });

  it('SENTRY_NO_PROGRESS_BAR=1 hides the progress, as in sentry-cli, and keeps the result', async () => {
    const folder = await makeTempDir();
    await writeContractFolder(folder);
    const run = await runCli(['upload', folder, '--app-id', 'no-bar', '--no-git-metadata'], {
      env: { ...env(), SENTRY_NO_PROGRESS_BAR: '1' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/images:/);
    expect(run.stdout).toMatch(/^Uploaded a snapshot of 6 images/m);
  });

  it('--quiet prints nothing and keeps the exit code', async () => {
    const folder = await makeTempDir();
    await writeContractFolder(folder);
    const run = await runCli(['upload', folder, '--app-id', 'quiet', '--quiet', '--no-git-metadata'], {
      env: env(),
    });
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('--dry-run writes nothing and prints the manifest it would send', async () => {
    const folder = await makeTempDir();
    const images = await writeContractFolder(folder);
    await writeLargeImage(folder, 'big/dry.png', 10_000);
    testbed.emulator.resetStats();
    const run = await runCli(['upload', folder, '--app-id', 'dry', '--dry-run', '--no-git-metadata'], {
      env: env(),
    });
    expect(run.code, run.stderr).toBe(0);
    const manifest = JSON.parse(run.stdout);
    expect(manifest.app_id).toBe('dry');
    expect(manifest.images).toMatchObject(images);
    expect(Object.keys(manifest.images)).toHaveLength(7);
    expect(run.stderr).toMatch(/^Dry run: would upload a snapshot of 7 images/m);
    expect(testbed.emulator.stats.objectsStored).toBe(0);
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBeUndefined();
    expect(testbed.emulator.stats.requests['PUT object']).toBeUndefined();
  });

  it('--dry-run --json gives the result with the manifest and no artifact', async () => {
    const folder = await makeTempDir();
    const images = await writeContractFolder(folder);
    const run = await runCli(
      ['upload', folder, '--app-id', 'dry', '--dry-run', '--json', '--no-git-metadata'],
      {
        env: env(),
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ dryRun: true, artifactId: null, manifest: { app_id: 'dry', images } });
  });

  it('finishes an interrupted upload on rerun, storing only what is missing', async () => {
    const folder = await makeTempDir();
    await writeContractFolder(folder);
    await writeLargeImage(folder, 'big/first.png');
    const failing = await writeLargeImage(folder, 'big/second.png');
    testbed.emulator.resetStats();
    testbed.emulator.faults.inject({ method: 'PUT', path: failing, dropConnection: true, times: 100 });
    const broken = await runCli(['upload', folder, '--app-id', 'resume', '--no-git-metadata'], {
      env: env(),
    });
    testbed.emulator.faults.clear();
    expect(broken.code, broken.stderr).toBe(41);
    expect(broken.stderr).toMatch(/^error: /m);
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBeUndefined();
    const storedBefore = testbed.emulator.stats.objectsStored;
    expect(storedBefore).toBeGreaterThan(0);

    testbed.emulator.resetStats();
    const rerun = await runCli(['upload', folder, '--app-id', 'resume', '--json', '--no-git-metadata'], {
      env: env(),
    });
    expect(rerun.code, rerun.stderr).toBe(0);
    const result = JSON.parse(rerun.stdout);
    expect(result.objects.stored).toBe(1);
    expect(result.images.count).toBe(8);
    expect(testbed.emulator.stats.objectsStored).toBe(1);
  });

  it('stops on SIGINT with exit 130, says what was done, and a rerun finishes', async () => {
    const folder = await makeTempDir();
    await writeContractFolder(folder);
    testbed.emulator.resetStats();
    testbed.emulator.faults.inject({ path: 'objects', delayMs: 30_000, times: 1 });
    const cli = spawnCli(['upload', folder, '--app-id', 'sigint', '--no-git-metadata'], { env: env() });
    await cli.waitForOutput('Reading images: 6/6');
    while (Object.keys(testbed.emulator.stats.requests).every((name) => !name.includes('object'))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    cli.child.kill('SIGINT');
    const run = await cli.result;
    testbed.emulator.faults.clear();
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(
      /^error: Upload interrupted; no snapshot was created\. Done before stopping: reading images 6\/6/m,
    );
    expect(run.stderr).toMatch(/^hint: Run the same command again/m);
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBeUndefined();

    const rerun = await runCli(['upload', folder, '--app-id', 'sigint', '--no-git-metadata'], { env: env() });
    expect(rerun.code, rerun.stderr).toBe(0);
  });
});
