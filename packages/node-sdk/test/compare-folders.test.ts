import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DiffReportSchema, decodeImage } from '@sentry-snapshots/core';
import { writeJpeg, writePng } from '@sentry-snapshots/test-kit/images';
import { createTempDir, makeTempDir, type TempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFolders, isSnapshotsError } from '../src/index.js';

const run = promisify(execFile);
const white = [255, 255, 255, 255] as const;
/** Paints the left `columns` columns blue: 25% of a 20-wide image for 5 columns. */
const paintLeft = (columns: number) => (pixels: Buffer, width: number, height: number) => {
  for (let y = 0; y < height; y++)
    for (let x = 0; x < columns; x++) pixels.set([0, 0, 255, 255], (y * width + x) * 4);
};

let fixture: TempDir;

/** `base/` and `head/` (relative to the fixture): same, changed (PNG and JPEG), added, removed, renamed. */
beforeAll(async () => {
  fixture = await createTempDir();
  const base = join(fixture.path, 'base');
  const head = join(fixture.path, 'head');
  await writePng(join(base, 'same.png'), { width: 20, height: 20, seed: 1 });
  await writePng(join(head, 'same.png'), { width: 20, height: 20, seed: 1 });
  await writePng(join(base, 'screens/home.png'), { width: 20, height: 20, fill: white });
  await writePng(join(head, 'screens/home.png'), { width: 20, height: 20, fill: white, draw: paintLeft(5) });
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
  // A sidecar that is not JSON: the image is still compared, with a warning.
  await writeFile(join(head, 'same.json'), '{ not json');
});

afterAll(() => fixture?.remove());

describe('compareFolders', () => {
  it("compares two folders relative to cwd, writes masks under sentry-cli's names and returns the report", async () => {
    const result = await compareFolders({ cwd: fixture.path, base: 'base', head: 'head', output: 'masks' });
    expect(DiffReportSchema.parse(result.report)).toEqual(result.report);
    expect(result.report).toMatchObject({
      base_dir: 'base',
      head_dir: 'head',
      output_dir: 'masks',
      threshold: 0.01,
      summary: {
        total: 6,
        changed: 2,
        unchanged: 1,
        added: 1,
        removed: 1,
        renamed: 1,
        skipped: 0,
        errored: 0,
      },
    });
    expect(result.report.images.map((image) => `${image.status} ${image.name}`)).toEqual([
      'changed photo.jpg',
      'unchanged same.png',
      'changed screens/home.png',
      'renamed new-name.png',
      'added new.png',
      'removed gone.png',
    ]);
    expect(result.report.images[0]).toMatchObject({ diff_mask_path: 'masks/photo.png' });
    expect(result.report.images[2]).toEqual({
      name: 'screens/home.png',
      status: 'changed',
      diff_percentage: 25,
      diff_pixel_count: 100,
      diff_mask_path: 'masks/screens/home.png',
    });
    const mask = await decodeImage(await readFile(join(fixture.path, 'masks/screens/home.png')));
    expect(mask).toMatchObject({ width: 20, height: 20 });
    await expect(readFile(join(fixture.path, 'masks/photo.png'))).resolves.toBeInstanceOf(Buffer);
    expect(result.comparison).toMatchObject({ changed_count: 2, renamed_count: 1 });
    expect(result.warnings).toEqual([expect.stringContaining('same.json')]);
    expect(result.failure).toBeUndefined();
    expect(result.reportPath).toBeUndefined();
  });

  it('returns the fail rule as failure, not thrown, and points at the HTML report it wrote', async () => {
    const cwd = await makeTempDir();
    const base = join(fixture.path, 'base');
    const head = join(fixture.path, 'head');
    const unreported = await compareFolders({ cwd, base, head, failOnDiff: true });
    expect(isSnapshotsError(unreported.failure)).toBe(true);
    expect(unreported.failure).toMatchObject({
      code: 'CHANGES_DETECTED',
      message: '2 images differed from baseline, 1 image was added, 1 image was removed, 1 image was renamed',
      hint: 'Pass the report option. An HTML report shows each of them beside its base and diff.',
    });
    expect(unreported.report.output_dir).toBe('./diff-output/');
    await expect(readFile(join(cwd, 'diff-output/screens/home.png'))).resolves.toBeInstanceOf(Buffer);

    const reported = await compareFolders({
      cwd,
      base,
      head,
      failOnDiff: true,
      report: 'out/diff.html',
      clean: true,
    });
    expect(reported.reportPath).toBe(join(cwd, 'out/diff.html'));
    expect(reported.report.report_path).toBe('out/diff.html');
    expect(reported.failure?.hint).toBe('Review them in out/diff.html.');
    const html = await readFile(join(cwd, 'out/diff.html'), 'utf8');
    expect(html).toContain('Snapshot diff');
    expect(html).toContain('screens/home.png');

    const same = await compareFolders({ cwd, base, head: base, failOnDiff: true, clean: true });
    expect(same.failure).toBeUndefined();
    expect(same.report.summary).toMatchObject({ total: 5, unchanged: 5 });
  });

  it('honours selective, diffThreshold, colorThreshold and antialiasing', async () => {
    const cwd = await makeTempDir();
    const compare = (options: Partial<Parameters<typeof compareFolders>[0]>) =>
      compareFolders({
        cwd,
        base: join(fixture.path, 'base'),
        head: join(fixture.path, 'head'),
        clean: true,
        ...options,
      });
    const statusOf = async (options: Parameters<typeof compare>[0], name: string) =>
      (await compare(options)).report.images.find((image) => image.name === name)?.status;

    expect((await compare({ selective: true })).report.summary).toMatchObject({
      removed: 0,
      skipped: 2,
      renamed: 0,
      added: 2,
    });
    expect(await statusOf({ diffThreshold: 0.26 }, 'screens/home.png')).toBe('unchanged');
    expect(await statusOf({ colorThreshold: 1 }, 'screens/home.png')).toBe('unchanged');

    // A grey column between black and white, lighter in the head: an anti-aliased edge.
    const edge = (shade: number) => (pixels: Buffer, width: number, height: number) => {
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < 10; x++) pixels.set([0, 0, 0, 255], (y * width + x) * 4);
        pixels.set([shade, shade, shade, 255], (y * width + 10) * 4);
      }
    };
    await writePng(join(cwd, 'edge-base/edge.png'), { width: 20, height: 20, fill: white, draw: edge(90) });
    await writePng(join(cwd, 'edge-head/edge.png'), { width: 20, height: 20, fill: white, draw: edge(160) });
    const edgeStatus = async (antialiasing?: boolean) =>
      (await compareFolders({ cwd, base: 'edge-base', head: 'edge-head', antialiasing, clean: true })).report
        .images[0]?.status;
    expect(await edgeStatus()).toBe('unchanged');
    expect(await edgeStatus(false)).toBe('changed');
  });

  it('loads sharp only when a pair of images differs in its bytes', async () => {
    const sdk = new URL('../dist/index.mjs', import.meta.url).href;
    const script = `
      const { compareFolders } = await import(${JSON.stringify(sdk)});
      await compareFolders({ base: process.argv[1], head: process.argv[2], output: process.argv[3] });
      const libraries = process.report.getReport().sharedObjects;
      console.log(libraries.some((path) => /sharp|vips/.test(path)));`;
    const loadsSharp = async (head: string) => {
      const output = join(await makeTempDir(), 'masks');
      const { stdout } = await run(process.execPath, [
        '--input-type=module',
        '-e',
        script,
        join(fixture.path, 'base'),
        join(fixture.path, head),
        output,
      ]);
      return stdout.trim();
    };
    expect(await loadsSharp('base')).toBe('false');
    expect(await loadsSharp('head')).toBe('true');
  });

  it('refuses bad options by their SDK names and a missing folder, before writing anything', async () => {
    const cwd = await makeTempDir();
    const base = join(fixture.path, 'base');
    await expect(compareFolders({ cwd, base, head: base, colorThreshold: 1.5 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'colorThreshold',
      message: 'Invalid colorThreshold 1.5: must be a number from 0 to 1',
      hint: 'Pass the colorThreshold option.',
    });
    await expect(compareFolders({ cwd, base, head: base, diffThreshold: 1 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'diffThreshold',
    });
    await expect(compareFolders({ cwd, base, head: base, concurrency: 0.5 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: 'Invalid concurrency 0.5: expected a whole number of at least 1',
    });
    await expect(compareFolders({ cwd, base, head: 'nope' })).rejects.toMatchObject({
      code: 'PATH_NOT_FOUND',
    });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('refuses an output folder that is not empty unless clean, naming the option as the SDK spells it', async () => {
    const cwd = await makeTempDir();
    const base = join(fixture.path, 'base');
    await writePng(join(cwd, 'diff-output/old.png'), { width: 2, height: 2, seed: 1 });
    await expect(compareFolders({ cwd, base, head: base })).rejects.toMatchObject({
      code: 'OUTPUT_UNWRITABLE',
      option: 'clean',
      hint: 'Pass the clean option. Or choose an empty or new folder.',
    });
    await compareFolders({ cwd, base, head: base, clean: true });
    expect(await readdir(join(cwd, 'diff-output'))).toEqual([]);
  });
});
