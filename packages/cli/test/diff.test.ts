import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeImage } from '@sentry-snapshots/core';
import { writeJpeg, writePng } from '@sentry-snapshots/test-kit/images';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { createTempDir, makeTempDir, type TempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const white = [255, 255, 255, 255] as const;
/** Paints the left `columns` columns blue: a 25% change on a 20-wide image for 5 columns. */
const paintLeft = (columns: number) => (pixels: Buffer, width: number, height: number) => {
  for (let y = 0; y < height; y++)
    for (let x = 0; x < columns; x++) pixels.set([0, 0, 255, 255], (y * width + x) * 4);
};
/** Black left of column 10, white right of it, and column 10 in grey `edge`, as a rendered edge. */
const edge = (shade: number) => (pixels: Buffer, width: number, height: number) => {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < 10; x++) pixels.set([0, 0, 0, 255], (y * width + x) * 4);
    pixels.set([shade, shade, shade, 255], (y * width + 10) * 4);
  }
};

let fixture: TempDir;
let base: string;
let head: string;

/**
 * Base and head folders with one image of every outcome: unchanged (same bytes and re-encoded),
 * changed pixels, changed size, a JPEG, a change within its sidecar's diff_threshold, an
 * anti-aliasing-only change, added, removed and renamed.
 */
beforeAll(async () => {
  fixture = await createTempDir();
  base = join(fixture.path, 'base');
  head = join(fixture.path, 'head');
  const both = async (name: string, baseSpec: Parameters<typeof writePng>[1], headSpec = baseSpec) => {
    await writePng(join(base, name), baseSpec);
    await writePng(join(head, name), headSpec);
  };
  await both('same.png', { width: 20, height: 20, seed: 1 });
  await both(
    'reencoded.png',
    { width: 20, height: 20, seed: 2, filterType: 0 },
    { width: 20, height: 20, seed: 2, filterType: 4 },
  );
  await both(
    'screens/home.png',
    { width: 20, height: 20, fill: white },
    { width: 20, height: 20, fill: white, draw: paintLeft(5) },
  );
  await both(
    'screens/grown.png',
    { width: 20, height: 20, fill: white },
    { width: 30, height: 20, fill: white },
  );
  await both(
    'tolerant.png',
    { width: 20, height: 20, fill: white },
    { width: 20, height: 20, fill: white, draw: paintLeft(5) },
  );
  await writeFile(join(head, 'tolerant.json'), JSON.stringify({ diff_threshold: 0.3 }));
  await both(
    'edge.png',
    { width: 20, height: 20, fill: white, draw: edge(90) },
    { width: 20, height: 20, fill: white, draw: edge(160) },
  );
  await writeJpeg(join(base, 'photo.jpg'), { width: 32, height: 32, seed: 4, quality: 90 });
  await writeJpeg(join(head, 'photo.jpg'), {
    width: 32,
    height: 32,
    seed: 4,
    quality: 90,
    draw: paintLeft(16),
  });
  await writePng(join(head, 'new.png'), { width: 20, height: 20, seed: 5 });
  await writePng(join(base, 'gone.png'), { width: 20, height: 20, seed: 6 });
  await writePng(join(base, 'old-name.png'), { width: 20, height: 20, seed: 7 });
  await writePng(join(head, 'new-name.png'), { width: 20, height: 20, seed: 7 });
});

afterAll(() => fixture?.remove());

interface DiffJson {
  output_dir: string;
  threshold: number;
  summary: Record<string, number>;
  images: {
    name: string;
    status: string;
    diff_percentage?: number;
    diff_pixel_count?: number;
    diff_mask_path?: string;
  }[];
}

describe('sentry-snapshots diff', () => {
  it("prints sentry-cli's JSON report and writes a mask per changed image", async () => {
    const cwd = await makeTempDir();
    const run = await runCli(['diff', base, head, '--output', 'masks'], { cwd });
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DiffJson;
    expect(report).toMatchObject({ base_dir: base, head_dir: head, output_dir: 'masks', threshold: 0.01 });
    expect(report.summary).toEqual({
      total: 10,
      changed: 3,
      unchanged: 4,
      added: 1,
      removed: 1,
      skipped: 0,
      errored: 0,
      renamed: 1,
    });
    expect(report.images.map((image) => `${image.status} ${image.name}`)).toEqual([
      'unchanged edge.png',
      'changed photo.jpg',
      'unchanged reencoded.png',
      'unchanged same.png',
      'changed screens/grown.png',
      'changed screens/home.png',
      'unchanged tolerant.png',
      'renamed new-name.png',
      'added new.png',
      'removed gone.png',
    ]);
    const home = report.images.find((image) => image.name === 'screens/home.png');
    expect(home).toEqual({
      name: 'screens/home.png',
      status: 'changed',
      diff_percentage: 25,
      diff_pixel_count: 100,
      diff_mask_path: 'masks/screens/home.png',
    });
    expect(report.images.find((image) => image.name === 'screens/grown.png')).toMatchObject({
      diff_percentage: 33.33,
      diff_pixel_count: 200,
    });
    expect(report.images.find((image) => image.name === 'photo.jpg')?.diff_mask_path).toBe('masks/photo.png');
    const mask = await decodeImage(await readFile(join(cwd, 'masks/screens/home.png')));
    expect(mask).toMatchObject({ width: 20, height: 20 });
    expect([...mask.data.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    expect(run.stderr).toContain(
      'Summary: 10 total, 3 changed, 4 unchanged, 1 added, 1 removed, 0 skipped, 0 errored, 1 renamed',
    );
  });

  it('writes masks to ./diff-output/ by default, as sentry-cli does', async () => {
    const cwd = await makeTempDir();
    const run = await runCli(['diff', base, head], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DiffJson;
    expect(report.output_dir).toBe('./diff-output/');
    expect(report.images.find((image) => image.name === 'screens/home.png')?.diff_mask_path).toBe(
      './diff-output/screens/home.png',
    );
    await expect(readFile(join(cwd, 'diff-output/screens/home.png'))).resolves.toBeInstanceOf(Buffer);
  });

  it('exits with the changes-detected code under --fail-on-diff, and 0 when nothing differs', async () => {
    const cwd = await makeTempDir();
    const failing = await runCli(['diff', base, head, '--fail-on-diff'], { cwd });
    expect(failing.code).toBe(50);
    expect(failing.stderr).toContain(
      'error: 3 images differed from baseline, 1 image was added, 1 image was removed, 1 image was renamed',
    );
    expect(JSON.parse(failing.stdout).summary.changed).toBe(3);

    // The first run's masks are in ./diff-output/: a second run there replaces them.
    const same = await runCli(['diff', base, base, '--fail-on-diff', '--clean'], { cwd });
    expect(same.stderr).not.toMatch(/^error:/m);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).summary).toMatchObject({ total: 9, unchanged: 9, changed: 0 });
  });

  it('skips missing base images with --selective', async () => {
    const run = await runCli(['diff', base, head, '--selective'], { cwd: await makeTempDir() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DiffJson;
    // A skipped image is still in the suite, so no new name can be its rename.
    expect(report.summary).toMatchObject({ removed: 0, skipped: 2, renamed: 0, added: 2 });
    expect(report.images.slice(-2)).toEqual([
      { name: 'gone.png', status: 'skipped' },
      { name: 'old-name.png', status: 'skipped' },
    ]);
  });

  it('honours --threshold, --no-antialiasing and --diff-threshold', async () => {
    const cwd = await makeTempDir();
    const statusOf = async (args: string[], name: string) => {
      const run = await runCli(['diff', base, head, '--clean', ...args], { cwd });
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as DiffJson).images.find((image) => image.name === name)?.status;
    };
    expect(await statusOf([], 'edge.png')).toBe('unchanged');
    expect(await statusOf(['--no-antialiasing'], 'edge.png')).toBe('changed');
    expect(await statusOf(['--diff-threshold', '0.26'], 'screens/home.png')).toBe('unchanged');
    // Blue on white is far apart in colour: only a threshold near 1 lets it pass.
    expect(await statusOf(['--threshold', '1'], 'screens/home.png')).toBe('unchanged');
  });

  it('refuses a bad threshold as a usage error and a missing folder as an input error', async () => {
    const cwd = await makeTempDir();
    const bad = await runCli(['diff', base, head, '--threshold', '1.5'], { cwd });
    expect(bad.code).toBe(10);
    expect(bad.stderr).toContain(
      'error: Invalid --threshold "1.5": must be a number from 0 to 1\nhint: Pass --threshold.',
    );
    const badCount = await runCli(['diff', base, head, '--concurrency', '0'], { cwd });
    expect(badCount.code).toBe(10);
    expect(badCount.stderr).toContain(
      'error: Invalid --concurrency "0": expected a whole number of at least 1',
    );
    const badFraction = await runCli(['diff', base, head, '--diff-threshold', '1'], { cwd });
    expect(badFraction.code).toBe(10);
    expect(badFraction.stderr).toContain(
      'error: Invalid --diff-threshold "1": The diff_threshold field must be',
    );
    const missing = await runCli(['diff', base, join(cwd, 'nope')], { cwd });
    expect(missing.code).toBe(20);
    expect(missing.stderr).toContain('does not exist');
  });

  it('refuses an empty or missing side, even under --fail-on-diff, instead of passing with 0 total', async () => {
    const cwd = await makeTempDir();
    const empty = join(cwd, 'empty');
    await mkdir(empty);
    for (const [from, to, code, message] of [
      [empty, empty, 20, `error: No PNG or JPEG images were found in ${empty}.`],
      [base, empty, 20, `error: No PNG or JPEG images were found in ${empty}.`],
      [empty, head, 20, `error: No PNG or JPEG images were found in ${empty}.`],
      [join(cwd, 'missing'), head, 20, `error: The folder ${join(cwd, 'missing')} does not exist.`],
    ] as const) {
      const run = await runCli(['diff', from, to, '--fail-on-diff'], { cwd });
      expect(run.code, run.stderr).toBe(code);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain('0 total');
    }
    // An image that cannot be read is not an image: a side of only such files is empty too.
    await writeFile(join(empty, 'text.png'), 'not an image');
    const unreadable = await runCli(['diff', empty, head], { cwd });
    expect(unreadable.code).toBe(20);
    expect(unreadable.stderr).toContain(
      `No PNG or JPEG images to compare in ${empty}: 1 was skipped: text.png (cannot read its width and height from the header).`,
    );
    expect(await readdir(cwd)).toEqual(['empty']);
  });

  it("refuses an output folder holding an earlier run's files unless --clean, and one that is a file", async () => {
    const cwd = await makeTempDir();
    await mkdir(join(cwd, 'masks'));
    await writeFile(join(cwd, 'masks', 'stale.png'), 'an earlier run');
    const refused = await runCli(['diff', base, head, '-o', 'masks'], { cwd });
    expect(refused.code).toBe(20);
    expect(refused.stderr).toContain(
      "error: The output folder masks is not empty (stale.png): an earlier run's files would be mixed with this one's.\nhint: Pass --clean. Or choose an empty or new folder.",
    );
    expect(await readdir(join(cwd, 'masks'))).toEqual(['stale.png']);

    const cleaned = await runCli(['diff', base, head, '-o', 'masks', '--clean'], { cwd });
    expect(cleaned.code, cleaned.stderr).toBe(0);
    const masks = await readdir(join(cwd, 'masks'), { recursive: true });
    expect(masks).not.toContain('stale.png');
    expect(masks).toContain(join('screens', 'home.png'));

    await writeFile(join(cwd, 'taken'), 'a file');
    const file = await runCli(['diff', base, head, '-o', 'taken', '--clean'], { cwd });
    expect(file.code).toBe(20);
    expect(file.stderr).toContain('error: The output folder taken is a file.');
    expect(await readFile(join(cwd, 'taken'), 'utf8')).toBe('a file');

    // Never empties the folders it compares, nor the one it runs in.
    const own = await runCli(['diff', base, head, '-o', '.', '--clean'], { cwd });
    expect(own.code).toBe(10);
    expect(await readdir(join(cwd, 'masks'))).not.toEqual([]);
  });
});
