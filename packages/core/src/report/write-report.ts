import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ImageSide, LoadImage } from '../compare/compare-snapshots.js';
import type { SnapshotComparison } from '../compare/snapshot-comparison.js';
import type { ImagePair, SnapshotImage } from '../schemas/snapshot-detail.js';
import type { World } from '../world.js';
import { renderReportHtml } from './render-report-html.js';
import { ReportImageEmbedder } from './report-image-embedder.js';
import { type ReportEntry, type ReportImage, reportCounts } from './report-model.js';

export interface WriteReportOptions {
  /** The HTML file to write, relative to the world's cwd. */
  path: string;
  title?: string;
  subtitle?: string;
  comparison: SnapshotComparison;
  loadImage: LoadImage;
  /** Reads a diff mask by its `diff_image_key`. */
  loadDiffMask: (key: string) => Promise<Uint8Array>;
  /**
   * Image bytes inlined as data URLs before the report moves every image to files beside it;
   * default 20 MB. One file is easiest to pass around, but a page of hundreds of MB of base64 is
   * slow to open and holds every image in memory, while files load lazily as they scroll in.
   */
  maxInlineBytes?: number;
}

export interface WrittenReport {
  path: string;
  /** The folder of images beside the page, when they did not fit inline. */
  assetsDir?: string;
  entries: number;
}

const defaultMaxInlineBytes = 20 * 1024 * 1024;

/**
 * Writes the HTML report of a comparison: every changed, added, removed, renamed and errored
 * image, with base, head and diff mask. Images are inlined while they fit in `maxInlineBytes`;
 * past it, they go to a `<name>-assets/` folder beside the page, so it still opens from disk.
 */
export async function writeReport(
  world: Pick<World, 'cwd'>,
  options: WriteReportOptions,
): Promise<WrittenReport> {
  const path = resolve(world.cwd, options.path);
  const assetsName = `${basename(path, extname(path))}-assets`;
  const assetsDir = join(dirname(path), assetsName);
  await rm(assetsDir, { recursive: true, force: true });
  const embedder = new ReportImageEmbedder(
    assetsDir,
    assetsName,
    options.maxInlineBytes ?? defaultMaxInlineBytes,
  );

  const image = (side: ImageSide, snapshotImage: SnapshotImage | null | undefined) =>
    snapshotImage
      ? embedder.add(snapshotImage.key, snapshotImage, () =>
          options.loadImage(side, snapshotImage.image_file_name, {
            content_hash: snapshotImage.key,
            width: snapshotImage.width,
            height: snapshotImage.height,
          }),
        )
      : undefined;
  let masks = 0;
  const mask = (pair: ImagePair) => {
    const key = pair.diff_image_key;
    if (!key) return undefined;
    // The mask covers both images: the larger of each side.
    const width = Math.max(pair.base_image?.width ?? 0, pair.head_image?.width ?? 0);
    const height = Math.max(pair.base_image?.height ?? 0, pair.head_image?.height ?? 0);
    return embedder.add(`diff-${++masks}`, { width, height }, () => options.loadDiffMask(key));
  };
  const nameOf = (pair: ImagePair) =>
    pair.head_image?.image_file_name ?? pair.base_image?.image_file_name ?? '';

  const { comparison } = options;
  // One image at a time, in page order: memory stays within the inline budget plus one image.
  const entries: ReportEntry[] = [];
  for (const pair of comparison.changed) {
    entries.push(
      withImages(
        {
          status: 'changed',
          name: nameOf(pair),
          ...(typeof pair.diff === 'number' ? { diffFraction: pair.diff } : {}),
        },
        {
          base: await image('base', pair.base_image),
          head: await image('head', pair.head_image),
          diff: await mask(pair),
        },
      ),
    );
  }
  for (const added of comparison.added) {
    entries.push(
      withImages({ status: 'added', name: added.image_file_name }, { head: await image('head', added) }),
    );
  }
  for (const removed of comparison.removed) {
    entries.push(
      withImages(
        { status: 'removed', name: removed.image_file_name },
        { base: await image('base', removed) },
      ),
    );
  }
  for (const pair of comparison.renamed) {
    entries.push(
      withImages(
        { status: 'renamed', name: nameOf(pair), previousName: pair.base_image?.image_file_name ?? '' },
        { head: await image('head', pair.head_image) },
      ),
    );
  }
  for (const pair of comparison.errored) {
    const message =
      typeof pair.error_message === 'string' ? pair.error_message : 'The images could not be compared.';
    entries.push({ status: 'errored', name: nameOf(pair), message });
  }
  embedder.finish();

  const html = renderReportHtml({
    title: options.title ?? 'Snapshot comparison',
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    counts: reportCounts(comparison),
    entries,
  });
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html);
  return { path, ...(embedder.inline ? {} : { assetsDir }), entries: entries.length };
}

function withImages(
  entry: ReportEntry,
  images: Partial<Record<'base' | 'head' | 'diff', ReportImage | undefined>>,
): ReportEntry {
  const present = Object.entries(images).filter(([, image]) => image !== undefined);
  return { ...entry, ...Object.fromEntries(present) };
}
