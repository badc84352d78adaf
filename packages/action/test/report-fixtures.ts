import type { SnapshotDetail, UploadResult } from '@sentry-snapshots/core';
import { SnapshotDetailSchema } from '@sentry-snapshots/core/contract';

export function uploadResultFixture(overrides: Partial<UploadResult> = {}): UploadResult {
  return {
    artifactId: '123',
    snapshotUrl: 'https://sentry.example/preprod/snapshots/123?project=2',
    org: 'acme',
    project: 'web',
    appId: 'web',
    dryRun: false,
    images: { count: 3, skipped: 0, uniqueObjects: 3, skippedFiles: [], ignoredSidecars: [] },
    objects: { stored: 1, reused: 2, bytesSent: 2048, requests: 4 },
    timings: { discover: 5, hash: 10, check: 20, store: 30, create: 40, total: 1500 },
    vcs: { headSha: 'b'.repeat(40), baseSha: 'a'.repeat(40), headRef: 'feature', prNumber: 12 },
    warnings: [],
    ...overrides,
  };
}

const image = (name: string) => ({ key: `hash-${name}`, image_file_name: name, width: 10, height: 10 });

/** A settled comparison with the given image names in each list. */
export function comparisonFixture(
  lists: { changed?: string[]; added?: string[]; removed?: string[]; unchanged?: string[] } = {},
  overrides: Record<string, unknown> = {},
): SnapshotDetail {
  const changed = lists.changed ?? [];
  const added = lists.added ?? [];
  const removed = lists.removed ?? [];
  const unchanged = lists.unchanged ?? [];
  return SnapshotDetailSchema.parse({
    head_artifact_id: '123',
    base_artifact_id: '100',
    project_id: '2',
    app_id: 'web',
    image_count: changed.length + added.length + unchanged.length,
    images: [],
    comparison_type: 'diff',
    comparison_state: 'success',
    changed: changed.map((name) => ({ base_image: image(name), head_image: image(name), diff: 0.2 })),
    changed_count: changed.length,
    added: added.map(image),
    added_count: added.length,
    removed: removed.map(image),
    removed_count: removed.length,
    unchanged: unchanged.map(image),
    unchanged_count: unchanged.length,
    ...overrides,
  });
}
