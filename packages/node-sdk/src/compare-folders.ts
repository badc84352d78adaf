import {
  compareFolders as compareWithCore,
  type DiffReport,
  type CompareFoldersOptions as FolderComparisonOptions,
  judgeFolderDiff,
  type SnapshotComparison,
  type SnapshotsError,
  spellOptionError,
  writeReport,
} from '@sentry-snapshots/core';
import { createSdkWorld, sdkSpelling, type WorldOptions, withSdkSpelling } from './sdk-world.js';

/** The folders and how to compare them (as core takes them), and what to make of the result. */
export interface CompareFoldersOptions extends FolderComparisonOptions, WorldOptions {
  /** Also write an HTML page of every changed, added, removed, renamed and errored image here, relative to `cwd`. */
  report?: string;
  /** Judge any difference as a failure (see `failure`). */
  failOnDiff?: boolean;
}

export interface CompareFoldersResult {
  /** The JSON report, in `sentry-cli snapshots diff`'s shape. */
  report: DiffReport;
  /** The lists and counts, as Sentry's snapshot detail has them. */
  comparison: SnapshotComparison;
  /** Files of either folder that were skipped, and why. */
  warnings: string[];
  /** With `report`: the HTML page written (absolute path). */
  reportPath?: string;
  /** With `report`, when the images did not fit inline: the folder of images beside the page. */
  reportAssetsDir?: string;
  /** With `failOnDiff` and any difference: `CHANGES_DETECTED`, returned rather than thrown. */
  failure?: SnapshotsError;
}

/**
 * Compares two local folders of screenshots the way Sentry compares snapshots (added, removed,
 * changed, unchanged, renamed, errored, skipped), writing a diff mask per changed image, and with
 * `report` an HTML page to review them. Throws a `SnapshotsError` for a missing folder
 * (`PATH_NOT_FOUND`), a folder without images (`NO_IMAGES`), an output folder that is a file or
 * not empty without `clean` (`OUTPUT_UNWRITABLE`), or a bad option (`INVALID_OPTION`).
 */
export function compareFolders(options: CompareFoldersOptions): Promise<CompareFoldersResult> {
  return withSdkSpelling(() => compare(options));
}

async function compare(options: CompareFoldersOptions): Promise<CompareFoldersResult> {
  const world = createSdkWorld(options);
  const compared = await compareWithCore(world, {
    base: options.base,
    head: options.head,
    output: options.output,
    colorThreshold: options.colorThreshold,
    antialiasing: options.antialiasing,
    diffThreshold: options.diffThreshold,
    selective: options.selective,
    concurrency: options.concurrency,
    clean: options.clean,
  });
  const result: CompareFoldersResult = {
    report: compared.report,
    comparison: compared.comparison,
    warnings: compared.warnings,
  };
  if (options.report !== undefined) {
    const written = await writeReport(world, {
      path: options.report,
      title: 'Snapshot diff',
      subtitle: `${options.base} → ${options.head}`,
      comparison: compared.comparison,
      loadImage: compared.loadImage,
      loadDiffMask: compared.loadDiffMask,
    });
    result.report.report_path = options.report;
    result.reportPath = written.path;
    if (written.assetsDir) result.reportAssetsDir = written.assetsDir;
  }
  const failure = judgeFolderDiff(result.report, { failOnDiff: options.failOnDiff === true });
  // Returned, not thrown: its hint is spelled here as a thrown one would be.
  if (failure) result.failure = spellOptionError(failure, sdkSpelling) as SnapshotsError;
  return result;
}
