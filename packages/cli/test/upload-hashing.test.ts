import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '@sentry-snapshots/emulator';
import { encodePng, writeScreenshotSet } from '@sentry-snapshots/test-kit/images';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { createTempDir, type TempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const testbed = useTestEmulator(startEmulator);
let temp: TempDir;
let folder: string;
/** The manifest one thread would make: every image's SHA-256, read here. */
let expectedHashes: Record<string, string>;

// Enough images that the CLI hashes on worker threads (from 64), a file cut short and sidecars.
beforeAll(async () => {
  temp = await createTempDir('many-');
  folder = temp.path;
  const files = await writeScreenshotSet(folder, {
    count: 90,
    width: 16,
    height: 24,
    jpegEvery: 9,
    sidecarEvery: 4,
  });
  const png = encodePng({ width: 20, height: 20, seed: 5 });
  await writeFile(join(folder, 'cut.png'), png.subarray(0, 40));
  expectedHashes = {};
  for (const file of files) {
    expectedHashes[file.key] = createHash('sha256')
      .update(await readFile(file.path))
      .digest('hex');
  }
});

afterAll(() => temp?.remove());

async function uploadedHashes(args: string[], env: Record<string, string> = {}) {
  const run = await runCli(args, { env: testbed.env(env) });
  expect(run.code, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as { artifactId: string; images: { skippedFiles: unknown[] } };
  expect(result.images.skippedFiles).toEqual([
    { name: 'cut.png', reason: 'the file is truncated: it does not end with the PNG end chunk (IEND)' },
  ]);
  const manifest = testbed.emulator.getSnapshot(result.artifactId)?.manifest;
  const images = (manifest?.images ?? {}) as Record<string, { content_hash: string }>;
  return Object.fromEntries(Object.entries(images).map(([key, image]) => [key, image.content_hash]));
}

describe('upload hashes on threads started before the code loads', () => {
  it('sends the hashes one thread reads, whether the folder comes before or after the flags', async () => {
    const common = ['--app-id', 'web', '--no-git-metadata', '--json'];
    expect(await uploadedHashes(['upload', folder, ...common])).toEqual(expectedHashes);
    expect(await uploadedHashes(['upload', '-o', 'acme', ...common, folder])).toEqual(expectedHashes);
  });

  it('sends the same with the start left to the upload', async () => {
    const args = ['upload', folder, '--app-id', 'web', '--no-git-metadata', '--json'];
    expect(await uploadedHashes(args, { SENTRY_SNAPSHOTS_EARLY_HASHING: '0' })).toEqual(expectedHashes);
  });
});
