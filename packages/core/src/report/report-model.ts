/** An image as the page shows it: a URL the browser can open (data:, relative, or http). */
export interface ReportImage {
  src: string;
  width: number;
  height: number;
}

export type ReportEntryStatus = 'changed' | 'added' | 'removed' | 'renamed' | 'errored';

export interface ReportEntry {
  status: ReportEntryStatus;
  /** The head name, or the base name of a removed image. */
  name: string;
  /** The base name of a renamed image. */
  previousName?: string;
  base?: ReportImage;
  head?: ReportImage;
  diff?: ReportImage;
  /** Fraction of changed pixels, for a changed image. */
  diffFraction?: number;
  /** Why an errored image could not be compared. */
  message?: string;
}

export interface ReportCounts {
  changed: number;
  added: number;
  removed: number;
  renamed: number;
  errored: number;
  unchanged: number;
  skipped: number;
}

/** The report's counts, read off a comparison's `<list>_count` fields. */
export function reportCounts(
  comparison: { [K in keyof ReportCounts as `${K}_count`]: number },
): ReportCounts {
  return {
    changed: comparison.changed_count,
    added: comparison.added_count,
    removed: comparison.removed_count,
    renamed: comparison.renamed_count,
    errored: comparison.errored_count,
    unchanged: comparison.unchanged_count,
    skipped: comparison.skipped_count,
  };
}

/** Everything the HTML report shows; the emulator's UI can fill it with its own image URLs. */
export interface ReportModel {
  title: string;
  /** One line under the title, such as the two folders compared. */
  subtitle?: string;
  counts: ReportCounts;
  entries: ReportEntry[];
}
