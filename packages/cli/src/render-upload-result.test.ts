import type { UploadResult } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { renderUploadResult } from './render-upload-result.js';

const result: UploadResult = {
  artifactId: '123',
  snapshotUrl: 'https://sentry.example/organizations/acme/preprod/snapshots/123/?project=2',
  org: 'acme',
  project: 'web',
  appId: 'app',
  dryRun: false,
  images: { count: 42, skipped: 1, uniqueObjects: 40, skippedFiles: [], ignoredSidecars: [] },
  objects: { stored: 3, reused: 37, bytesSent: 182_400, requests: 1 },
  timings: { discover: 8, hash: 95.4, check: 60, store: 410, create: 120, total: 1210 },
  vcs: {
    headSha: '1a2b3c4d5e'.repeat(4),
    headRef: 'feature',
    headRepoName: 'acme/web',
    baseSha: '9f8e7d6c5b'.repeat(4),
    baseRef: 'main',
    prNumber: 12,
  },
  warnings: [],
};

describe('renderUploadResult', () => {
  it('says a shard was stored and where its file is, and how many shards a snapshot was made of', () => {
    const shard = {
      ...result,
      artifactId: null,
      snapshotUrl: null,
      shard: { file: '/ci/shards/shard-2.json', id: 'x' },
    };
    const lines = renderUploadResult(shard).split('\n');
    expect(lines[0]).toBe(
      'Stored a shard of 42 images (acme/web, app "app"); finalize makes the snapshot of every shard.',
    );
    expect(lines).toContain('  shard    /ci/shards/shard-2.json');
    expect(lines.some((line) => line.startsWith('  snapshot'))).toBe(false);
    const finalized = renderUploadResult({ ...result, shards: { count: 4, files: [] } });
    expect(finalized.split('\n')[0]).toBe(
      'Finalized a snapshot of 42 images from 4 shards (acme/web, app "app").',
    );
  });

  it('shows counts, stored and reused objects, bytes, timing, git and the URL', () => {
    expect(renderUploadResult(result)).toBe(
      [
        'Uploaded a snapshot of 42 images (acme/web, app "app").',
        '  images   42 (1 skipped), 40 distinct contents',
        '  objects  3 stored, 37 reused, 182.4 kB sent in 1 request',
        '  time     1.21 s (discover 8 ms, hash 95 ms, check 60 ms, store 410 ms, create 120 ms)',
        '  git      head 1a2b3c4 on feature (acme/web), base 9f8e7d6 on main, PR #12',
        '  snapshot 123',
        `  url      ${result.snapshotUrl}`,
        '',
      ].join('\n'),
    );
  });

  it('names skipped images and ignored sidecars under the counts, five at most, each line escaped', () => {
    const skippedFiles = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => ({
      name: `${name}.png`,
      reason: 'the file is truncated: it does not end with the PNG end chunk (IEND)',
    }));
    const text = renderUploadResult({
      ...result,
      images: {
        count: 42,
        skipped: 7,
        uniqueObjects: 40,
        skippedFiles: [{ name: 'evil\n::error::x.png', reason: 'bad' }, ...skippedFiles.slice(1)],
        ignoredSidecars: [{ name: 'a.json', reason: 'it must be a JSON object, not an array' }],
      },
    });
    const lines = text.split('\n');
    expect(lines[1]).toBe('  images   42 (7 skipped), 40 distinct contents');
    expect(lines[2]).toBe(
      '  skipped  evil\\n::error::x.png (bad); b.png (the file is truncated: it does not end with the PNG end chunk (IEND)); c.png (the file is truncated: it does not end with the PNG end chunk (IEND)); d.png (the file is truncated: it does not end with the PNG end chunk (IEND)); e.png (the file is truncated: it does not end with the PNG end chunk (IEND)); and 2 more',
    );
    expect(lines[3]).toBe('  ignored  a.json (it must be a JSON object, not an array)');
  });

  it('says what a dry run would do and leaves out what it does not know', () => {
    const text = renderUploadResult({
      ...result,
      dryRun: true,
      artifactId: null,
      snapshotUrl: null,
      images: { count: 1, skipped: 0, uniqueObjects: 1, skippedFiles: [], ignoredSidecars: [] },
      vcs: {},
    });
    expect(text).toBe(
      [
        'Dry run: would upload a snapshot of 1 image (acme/web, app "app"); nothing was written.',
        '  images   1, 1 distinct content',
        '  objects  3 to store, 37 already stored',
        '  time     1.21 s (discover 8 ms, hash 95 ms, check 60 ms, store 410 ms, create 120 ms)',
        '',
      ].join('\n'),
    );
  });
});
