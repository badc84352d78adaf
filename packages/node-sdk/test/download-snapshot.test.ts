import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DownloadEvent, downloadSnapshot, uploadSnapshots } from '../src/index.js';

const testbed = useTestEmulator(startEmulator);
let artifactId: string;

beforeAll(async () => {
  await writePng(join(testbed.dir, 'home.png'), { width: 6, height: 4, seed: 31 });
  await writePng(join(testbed.dir, 'nested', 'about.png'), { width: 3, height: 5, seed: 32 });
  const result = await uploadSnapshots({
    path: testbed.dir,
    appId: 'download-sdk',
    env: testbed.env(),
    gitMetadata: 'off',
  });
  artifactId = result.artifactId!;
});

async function expectSameImages(dir: string): Promise<void> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
  expect(files).toEqual(['home.png', 'nested/about.png']);
  for (const file of files)
    expect(await readFile(join(dir, file))).toEqual(await readFile(join(testbed.dir, file)));
}

describe('downloadSnapshot', () => {
  it('downloads a given snapshot into a folder relative to cwd, without a project', async () => {
    const cwd = await makeTempDir();
    const events: DownloadEvent['kind'][] = [];
    const result = await downloadSnapshot({
      snapshotId: artifactId,
      output: 'baseline',
      cwd,
      env: testbed.env({ SENTRY_PROJECT: undefined }),
      onEvent: (event) => events.push(event.kind),
    });
    expect(result).toMatchObject({ artifactId, output: join(cwd, 'baseline') });
    expect(result.files.sort()).toEqual(['home.png', 'nested/about.png']);
    expect(events).toContain('downloading');
    await expectSameImages(join(cwd, 'baseline'));
  });

  it('downloads the latest base of an app, narrowed by the project', async () => {
    const output = await makeTempDir();
    const result = await downloadSnapshot({
      appId: 'download-sdk',
      project: 'web',
      output,
      env: testbed.env(),
    });
    expect(result.artifactId).toBe(artifactId);
    await expectSameImages(output);
  });

  it('throws typed errors: no base for the app, both ids, no token', async () => {
    const output = await makeTempDir();
    await expect(
      downloadSnapshot({ appId: 'no-such-app', output, env: testbed.env() }),
    ).rejects.toMatchObject({
      code: 'NO_BASE_SNAPSHOT',
    });
    await expect(
      downloadSnapshot({ appId: 'download-sdk', snapshotId: artifactId, output, env: testbed.env() }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(
      downloadSnapshot({
        snapshotId: artifactId,
        output,
        env: testbed.env({ SENTRY_AUTH_TOKEN: undefined }),
      }),
    ).rejects.toMatchObject({ code: 'MISSING_AUTH_TOKEN' });
  });
});
