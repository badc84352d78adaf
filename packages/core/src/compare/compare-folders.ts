import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { discoverImages } from '../images/discover-images.js';
import { readImages } from '../images/read-images.js';
import { invalidOption } from '../options/decode-options.js';
import { countSchema, fractionSchema } from '../options/option-schemas.js';
import { type OptionKey, optionTable } from '../options/option-table.js';
import { prepareOutputFolder } from '../output/prepare-output-folder.js';
import { CreateSnapshotRequestSchema } from '../schemas/create-snapshot.js';
import { noImagesError } from '../upload/no-images-error.js';
import type { World } from '../world.js';
import {
  type ComparedSnapshot,
  compareSnapshots,
  type ImageSide,
  type LoadImage,
} from './compare-snapshots.js';
import { type DiffReport, toDiffReport } from './diff-report.js';
import { joinShownPath, maskFileNames } from './mask-file-names.js';
import type { SnapshotComparison } from './snapshot-comparison.js';

export interface CompareFoldersOptions {
  /** The baseline folder, relative to the world's cwd; shown in the report as given. */
  base: string;
  /** The folder compared with it. */
  head: string;
  /** Where the masks of changed images go; default `./diff-output/`. */
  output?: string;
  /** Pixel colour difference threshold, 0 to 1; default 0.01. */
  colorThreshold?: number;
  /** Anti-aliased pixels are not differences; default true. */
  antialiasing?: boolean;
  /** An image is changed only when more than this fraction of its pixels differ (0 ≤ x < 1); a sidecar's wins. */
  diffThreshold?: number;
  /** Base images missing from the head are skipped, not removed. */
  selective?: boolean;
  /** Image pairs compared at once. */
  concurrency?: number;
  /** Empty the output folder before masks are written; otherwise one that is not empty is refused. */
  clean?: boolean;
}

export interface FolderComparison {
  comparison: SnapshotComparison;
  /** The JSON report, in `sentry-cli snapshots diff`'s shape. */
  report: DiffReport;
  /** Files of either folder that were skipped, and why. */
  warnings: string[];
  /** Reads an image of either folder, as `writeReport` needs. */
  loadImage: LoadImage;
  /** Reads a mask by its `diff_image_key`. */
  loadDiffMask: (key: string) => Promise<Uint8Array>;
}

const defaultColorThreshold = Number(optionTable.colorThreshold.default);

/**
 * Compares two folders of screenshots as Sentry compares snapshots, writing a diff mask per
 * changed image into `output` under sentry-cli's names. Images are decoded (and sharp loaded)
 * only for pairs whose bytes differ.
 */
export async function compareFolders(
  world: Pick<World, 'cwd' | 'signal'>,
  options: CompareFoldersOptions,
): Promise<FolderComparison> {
  const colorThreshold =
    checked('colorThreshold', options.colorThreshold, fractionSchema) ?? defaultColorThreshold;
  const diffThreshold = checked(
    'diffThreshold',
    options.diffThreshold,
    CreateSnapshotRequestSchema.shape.diff_threshold,
  );
  const concurrency = checked('concurrency', options.concurrency, countSchema);
  const output = options.output ?? optionTable.diffOutput.default;

  const outputPath = resolve(world.cwd, output);
  const outputFolder = await prepareOutputFolder(outputPath, {
    shown: output,
    option: 'diffOutput',
    clean: options.clean === true,
    protect: [world.cwd, resolve(world.cwd, options.base), resolve(world.cwd, options.head)],
  });
  const [base, head] = await Promise.all([readFolder(world, options.base), readFolder(world, options.head)]);
  await outputFolder.clear();
  const paths = { base: base.paths, head: head.paths };
  const loadImage = (side: ImageSide, name: string) => readFile(paths[side].get(name)!);
  const maskNames = maskFileNames(Object.keys(head.snapshot.images));
  const comparison = await compareSnapshots(
    world,
    base.snapshot,
    {
      ...head.snapshot,
      ...(diffThreshold === undefined ? {} : { diffThreshold }),
      ...(options.selective ? { selective: true } : {}),
    },
    {
      loadImage,
      storeDiffMask: async (name, png) => {
        const shown = joinShownPath(output, maskNames.get(name)!);
        const path = resolve(world.cwd, shown);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, png);
        return shown;
      },
      colorThreshold,
      antialiasing: options.antialiasing ?? true,
      ...(concurrency === undefined ? {} : { concurrency }),
    },
  );
  return {
    comparison,
    report: toDiffReport(comparison, {
      base_dir: options.base,
      head_dir: options.head,
      output_dir: output,
      threshold: colorThreshold,
    }),
    warnings: [...base.warnings, ...head.warnings],
    loadImage,
    loadDiffMask: (key) => readFile(resolve(world.cwd, key)),
  };
}

interface ReadFolder {
  snapshot: ComparedSnapshot;
  paths: Map<string, string>;
  warnings: string[];
}

async function readFolder(world: Pick<World, 'cwd' | 'signal'>, dir: string): Promise<ReadFolder> {
  const discovered = await discoverImages(resolve(world.cwd, dir), { signal: world.signal });
  const read = await readImages(discovered.images, { signal: world.signal });
  // Comparing with nothing would pass any gate: an empty side is an error, as for an upload.
  if (read.entries.length === 0)
    throw noImagesError(dir, [...discovered.skipped, ...read.skipped], 'compare');
  return {
    snapshot: { images: Object.fromEntries(read.entries.map((entry) => [entry.key, entry.metadata])) },
    paths: new Map(read.entries.map((entry) => [entry.key, entry.path])),
    warnings: [...discovered.warnings, ...read.warnings],
  };
}

/** A value the caller gave as a number, checked by its option's rule; an error names the option. */
function checked(key: OptionKey, value: number | undefined, schema: z.ZodType): number | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return value;
  throw invalidOption(key, value, parsed.error.issues[0]?.message ?? 'invalid value');
}
