import {
  type ImagePair,
  type ReportEntry,
  type ReportImage,
  type ReportModel,
  reportCounts,
  type SnapshotComparison,
  type SnapshotImage,
} from '@sentry-snapshots/core/contract';

export interface ComparisonReportSource {
  title: string;
  subtitle: string;
  comparison: SnapshotComparison;
  /** The URL of a base or head image. */
  imageSrc: (side: 'base' | 'head', image: SnapshotImage) => string;
  /** The URL of a diff mask by its `diff_image_key`. */
  maskSrc: (key: string) => string;
}

/** The model of core's HTML report with the emulator's image URLs, so the UI is the report's. */
export function toComparisonReportModel(source: ComparisonReportSource): ReportModel {
  const { comparison } = source;
  const image = (
    side: 'base' | 'head',
    snapshotImage: SnapshotImage | null | undefined,
  ): ReportImage | undefined =>
    snapshotImage
      ? {
          src: source.imageSrc(side, snapshotImage),
          width: snapshotImage.width,
          height: snapshotImage.height,
        }
      : undefined;
  const mask = (pair: ImagePair): ReportImage | undefined =>
    pair.diff_image_key
      ? {
          src: source.maskSrc(pair.diff_image_key),
          // The mask covers both images: the larger of each side.
          width: Math.max(pair.base_image?.width ?? 0, pair.head_image?.width ?? 0),
          height: Math.max(pair.base_image?.height ?? 0, pair.head_image?.height ?? 0),
        }
      : undefined;
  const nameOf = (pair: ImagePair) =>
    pair.head_image?.image_file_name ?? pair.base_image?.image_file_name ?? '';

  const entries: ReportEntry[] = [
    ...comparison.changed.map((pair) =>
      present({
        status: 'changed',
        name: nameOf(pair),
        diffFraction: typeof pair.diff === 'number' ? pair.diff : undefined,
        base: image('base', pair.base_image),
        head: image('head', pair.head_image),
        diff: mask(pair),
      }),
    ),
    ...comparison.added.map((added) =>
      present({ status: 'added', name: added.image_file_name, head: image('head', added) }),
    ),
    ...comparison.removed.map((removed) =>
      present({ status: 'removed', name: removed.image_file_name, base: image('base', removed) }),
    ),
    ...comparison.renamed.map((pair) =>
      present({
        status: 'renamed',
        name: nameOf(pair),
        previousName: pair.base_image?.image_file_name ?? '',
        head: image('head', pair.head_image),
      }),
    ),
    ...comparison.errored.map((pair) =>
      present({
        status: 'errored',
        name: nameOf(pair),
        message:
          typeof pair.error_message === 'string' ? pair.error_message : 'The images could not be compared.',
      }),
    ),
  ];
  return {
    title: source.title,
    subtitle: source.subtitle,
    counts: reportCounts(comparison),
    entries,
  };
}

/** Drops the fields left undefined, as the model's optional fields are absent rather than undefined. */
function present(entry: { [K in keyof ReportEntry]: ReportEntry[K] | undefined }): ReportEntry {
  return Object.fromEntries(
    Object.entries(entry).filter(([, value]) => value !== undefined),
  ) as unknown as ReportEntry;
}
