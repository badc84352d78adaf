import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UploadResultSchema } from '@sentry-snapshots/core/contract';
import { startEmulator } from '@sentry-snapshots/emulator';
import { encodePng, writePng } from '@sentry-snapshots/test-kit/images';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { describe, expect, it } from 'vitest';

const testbed = useTestEmulator(startEmulator);

const TRUNCATED = 'the file is truncated: it does not end with the PNG end chunk (IEND)';
const NO_HEADER = 'cannot read its width and height from the header';

/** Two good screenshots beside every kind of broken one: cut in half, empty, text, a bad sidecar. */
async function writeBrokenFolder(): Promise<string> {
  const folder = await makeTempDir();
  await writePng(join(folder, 'good.png'), { width: 20, height: 10, seed: 1 });
  await writePng(join(folder, 'other.png'), { width: 20, height: 10, seed: 2 });
  const png = encodePng({ width: 64, height: 48, seed: 3 });
  await writeFile(join(folder, 'half.png'), png.subarray(0, Math.floor(png.length / 2)));
  await writeFile(join(folder, 'empty.png'), '');
  await writeFile(join(folder, 'text.png'), 'not an image\n');
  await writeFile(join(folder, 'other.json'), '{"diff_threshold": 0.5,');
  return folder;
}

const upload = (folder: string, ...flags: string[]) =>
  runCli(['upload', folder, '--app-id', 'web', '--no-git-metadata', ...flags], { env: testbed.env() });

describe('broken screenshots', () => {
  it('by default: uploads the rest, warns, and lists every skipped file in the summary and --json', async () => {
    const folder = await writeBrokenFolder();
    const text = await upload(folder);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain(`warning: Skipped half.png: ${TRUNCATED}.`);
    expect(text.stdout).toContain(
      `  skipped  empty.png (${NO_HEADER}); half.png (${TRUNCATED}); text.png (${NO_HEADER})`,
    );
    expect(text.stdout).toMatch(/^ {2}images {3}2 \(3 skipped\)/m);
    expect(text.stdout).toMatch(/^ {2}ignored {2}other\.json \(it is not valid JSON \(.+\)\)$/m);

    const json = await upload(folder, '--json');
    expect(json.code, json.stderr).toBe(0);
    const result = UploadResultSchema.parse(JSON.parse(json.stdout));
    expect(result.images).toEqual({
      count: 2,
      skipped: 3,
      uniqueObjects: 2,
      skippedFiles: [
        { name: 'empty.png', reason: NO_HEADER },
        { name: 'half.png', reason: TRUNCATED },
        { name: 'text.png', reason: NO_HEADER },
      ],
      ignoredSidecars: [{ name: 'other.json', reason: expect.stringMatching(/^it is not valid JSON/) }],
    });
  });

  it('with --strict: refuses (exit 20) naming each file, before anything is stored or created', async () => {
    const folder = await writeBrokenFolder();
    testbed.emulator.resetStats();
    const run = await upload(folder, '--strict', '--json');
    expect(run.code, run.stderr).toBe(20);
    const { error } = JSON.parse(run.stdout);
    expect(error.code).toBe('IMAGE_UNREADABLE');
    expect(error.message).toContain(
      `3 images would be skipped: empty.png (${NO_HEADER}); half.png (${TRUNCATED})`,
    );
    expect(error.message).toContain('1 sidecar would be ignored: other.json (it is not valid JSON');
    expect(testbed.emulator.stats.objectsStored).toBe(0);
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBeUndefined();
  });

  it('with --strict: an ignored sidecar alone is refused too (INVALID_MANIFEST), a clean folder uploads', async () => {
    const folder = await makeTempDir();
    await writePng(join(folder, 'a.png'), { width: 8, height: 8, seed: 4 });
    await writeFile(join(folder, 'a.json'), '{"diff_threshold": }');
    testbed.emulator.resetStats();
    const refused = await upload(folder, '--strict');
    expect(refused.code).toBe(20);
    expect(refused.stderr).toMatch(/^error: Refusing to upload .*: 1 sidecar would be ignored: a\.json/m);
    expect(testbed.emulator.stats.objectsStored).toBe(0);

    await writeFile(join(folder, 'a.json'), '{"diff_threshold": 0.2}');
    const fine = await upload(folder, '--strict', '--json');
    expect(fine.code, fine.stderr).toBe(0);
    expect(JSON.parse(fine.stdout).images).toMatchObject({ count: 1, skipped: 0 });
  });
});
