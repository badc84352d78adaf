import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotDetail } from '@sentry-snapshots/core';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writeJpeg, writePng } from '@sentry-snapshots/test-kit/images';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { describe, expect, it } from 'vitest';

/**
 * `sentry-snapshots diff` of two folders and the emulator's comparison of the same folders
 * uploaded as base and head run the same engine at the same defaults: they must agree on every
 * image's outcome and on how much changed.
 */

const testbed = useTestEmulator(startEmulator);
const baseSha = 'a'.repeat(40);
const repo = 'acme/web';

const paintBox = (pixels: Buffer, width: number) => {
  for (let y = 20; y < 50; y++)
    for (let x = 10; x < 70; x++) pixels.set([30, 90, 220, 255], (y * width + x) * 4);
};
const faintDot = (pixels: Buffer, width: number) => pixels.set([0, 0, 0, 255], (5 * width + 5) * 4);

async function writeFolders(base: string, head: string): Promise<void> {
  const size = { width: 120, height: 90 };
  await writePng(join(base, 'home.png'), { ...size, seed: 1 });
  await writePng(join(head, 'home.png'), { ...size, seed: 1, draw: paintBox });
  await writeJpeg(join(base, 'settings/profile.jpg'), { ...size, seed: 2 });
  await writeJpeg(join(head, 'settings/profile.jpg'), { ...size, seed: 2, draw: paintBox });
  await writePng(join(base, 'same.png'), { ...size, seed: 3 });
  await writePng(join(head, 'same.png'), { ...size, seed: 3 });
  await writePng(join(base, 'legacy.png'), { ...size, seed: 4 });
  await writePng(join(head, 'new.png'), { ...size, seed: 5 });
  await writePng(join(base, 'old-name.png'), { ...size, seed: 6 });
  await writePng(join(head, 'new-name.png'), { ...size, seed: 6 });
  // One changed pixel, within the sidecar's threshold: unchanged on both sides.
  await writePng(join(base, 'lenient.png'), { ...size, seed: 7 });
  await writePng(join(head, 'lenient.png'), { ...size, seed: 7, draw: faintDot });
  await writeFile(join(head, 'lenient.json'), JSON.stringify({ diff_threshold: 0.01 }));
  // A different size: changed, whatever the pixels.
  await writePng(join(base, 'resized.png'), { ...size, seed: 8 });
  await writePng(join(head, 'resized.png'), { width: 120, height: 100, seed: 8 });
}

async function upload(dir: string, vcs: string[]): Promise<string> {
  const run = await testbed.cli([
    'upload',
    dir,
    '--app-id',
    'agreement',
    '--json',
    '--no-git-metadata',
    ...vcs,
  ]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).artifactId;
}

type Outcome = { status: string; diff_percentage?: number; previous_name?: string };

describe('diff and the emulator agree', () => {
  it('on every image of two folders uploaded as base and head', async () => {
    const base = join(testbed.dir, 'base');
    const head = join(testbed.dir, 'head');
    await writeFolders(base, head);

    const diff = await runCli(['diff', base, head, '--output', join(testbed.dir, 'masks')], {
      cwd: testbed.dir,
    });
    expect(diff.code, diff.stderr).toBe(0);
    const report = JSON.parse(diff.stdout) as { images: ({ name: string } & Outcome)[] };
    const local = Object.fromEntries(
      report.images.map(({ name, status, diff_percentage, previous_name }) => [
        name,
        {
          status,
          ...(diff_percentage === undefined ? {} : { diff_percentage }),
          ...(previous_name === undefined ? {} : { previous_name }),
        },
      ]),
    );

    await upload(base, [
      '--head-sha',
      baseSha,
      '--vcs-provider',
      'github',
      '--head-repo-name',
      repo,
      '--head-ref',
      'main',
    ]);
    const headId = await upload(head, [
      ...[
        '--head-sha',
        'b'.repeat(40),
        '--vcs-provider',
        'github',
        '--head-repo-name',
        repo,
        '--head-ref',
        'feature',
      ],
      ...['--base-sha', baseSha, '--base-repo-name', repo, '--base-ref', 'main'],
    ]);
    await testbed.emulator.settleComparisons();
    const response = await fetch(
      `${testbed.emulator.url}/api/0/organizations/acme/preprodartifacts/snapshots/${headId}/`,
      {
        headers: { authorization: `Bearer ${testbed.emulator.token}` },
      },
    );
    const detail = (await response.json()) as SnapshotDetail;
    expect(detail).toMatchObject({ comparison_type: 'diff', comparison_state: 'success' });
    const remote: Record<string, Outcome> = {};
    for (const status of ['added', 'removed', 'unchanged', 'skipped'] as const)
      for (const image of detail[status]) remote[image.image_file_name] = { status };
    for (const pair of detail.changed)
      remote[pair.head_image?.image_file_name ?? ''] = {
        status: 'changed',
        diff_percentage: Math.round((pair.diff ?? 0) * 10_000) / 100,
      };
    for (const pair of detail.renamed)
      remote[pair.head_image?.image_file_name ?? ''] = {
        status: 'renamed',
        previous_name: pair.base_image?.image_file_name ?? '',
      };
    for (const pair of detail.errored) remote[pair.head_image?.image_file_name ?? ''] = { status: 'errored' };

    expect(remote).toEqual(local);
    // The folders hold every outcome, so agreement is not agreement on nothing.
    expect(new Set(Object.values(local).map((outcome) => outcome.status))).toEqual(
      new Set(['changed', 'unchanged', 'added', 'removed', 'renamed']),
    );
    expect(local['lenient.png']).toEqual({ status: 'unchanged' });
    expect(local['settings/profile.jpg']?.status).toBe('changed');
    expect(local['resized.png']?.status).toBe('changed');
  });
});
