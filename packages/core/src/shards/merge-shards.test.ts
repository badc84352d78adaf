import { describe, expect, it } from 'vitest';
import { isSnapshotsError } from '../errors.js';
import { mergeShards } from './merge-shards.js';
import type { ShardFile } from './read-shards.js';
import { SHARD_FORMAT, type ShardManifest } from './shard-manifest.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const image = (n: number, extra: Record<string, unknown> = {}) => ({
  content_hash: hash(n),
  width: 2,
  height: 2,
  ...extra,
});

function shard(n: number, images: ShardManifest['images'], fields: Partial<ShardManifest> = {}): ShardFile {
  return {
    file: `shards/shard-${n}.json`,
    manifest: {
      format: SHARD_FORMAT,
      version: 1,
      shard: { id: `00000000-0000-4000-8000-00000000000${n}`, createdAt: '2026-01-01T00:00:00.000Z' },
      org: 'acme',
      project: 'web',
      objectScope: '1/2',
      appId: 'web',
      selective: false,
      vcs: { headSha: 'a'.repeat(40) },
      images,
      ...fields,
    },
  };
}

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isSnapshotsError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('mergeShards', () => {
  const one = shard(1, { 'b.png': image(2), 'a.png': image(1, { display_name: 'A' }) });
  const two = shard(2, { 'c.png': image(3), 'a.png': image(1, { display_name: 'A' }) });
  const three = shard(3, { 'd.png': image(1) });

  it('gives the same result for the shards in any order, images sorted by name', () => {
    const merged = mergeShards([three, one, two], { expectShards: 3 });
    expect(merged.images.map((entry) => entry.key)).toEqual(['a.png', 'b.png', 'c.png', 'd.png']);
    const { files: _files, ...rest } = merged;
    for (const order of [
      [one, two, three],
      [two, three, one],
      [three, two, one],
    ]) {
      const { files, ...again } = mergeShards(order);
      expect(again).toEqual(rest);
      expect(files).toHaveLength(3);
    }
    expect(merged).toMatchObject({
      appId: 'web',
      shardCount: 3,
      selective: false,
      vcs: { headSha: 'a'.repeat(40) },
    });
  });

  it('refuses one image name with two contents, naming both shards and the image', () => {
    const other = shard(4, { 'b.png': image(9) });
    expect(refusal(() => mergeShards([one, other]))).toEqual({
      code: 'SHARD_CONFLICT',
      message: `The image "b.png" is in two shards with different contents ("${hash(2)}" and "${hash(9)}"): shards/shard-1.json and shards/shard-4.json.`,
    });
    const relabelled = shard(4, { 'a.png': image(1, { display_name: 'Other' }) });
    expect(refusal(() => mergeShards([one, relabelled])).message).toContain(
      'the same content with different metadata',
    );
  });

  it('counts a shard given twice once, and refuses two files under one id that differ', () => {
    const copy = { ...one, file: 'elsewhere/shard-1.json' };
    const merged = mergeShards([one, copy, two], { expectShards: 2 });
    expect(merged.shardCount).toBe(2);
    expect(merged.warnings).toEqual([
      'shards/shard-1.json is the same shard as elsewhere/shard-1.json: counted once.',
    ]);
    expect(refusal(() => mergeShards([one, copy, two], { expectShards: 3 })).message).toBe(
      'Expected 3 shards, found 2 distinct shards in 3 files; no snapshot was created.',
    );
    const edited = { file: 'edited.json', manifest: { ...one.manifest, images: { 'a.png': image(5) } } };
    expect(refusal(() => mergeShards([one, edited])).code).toBe('SHARD_CONFLICT');
  });

  it('refuses missing shards, and shards that disagree on what one snapshot shares', () => {
    expect(refusal(() => mergeShards([one, two], { expectShards: 4 })).code).toBe('SHARD_COUNT_MISMATCH');
    expect(refusal(() => mergeShards([])).message).toBe('No shard files were found.');
    const cases: Partial<ShardManifest>[] = [
      { appId: 'ios' },
      { objectScope: '1/3' },
      { diffThreshold: 0.1 },
      { selective: true },
      { vcs: { headSha: 'b'.repeat(40) } },
    ];
    for (const fields of cases) {
      expect(refusal(() => mergeShards([one, shard(5, {}, fields)])).code).toBe('SHARDS_DISAGREE');
    }
    expect(refusal(() => mergeShards([one], { appId: 'ios' })).message).toBe(
      'The app id "ios" was given, but the shards were uploaded for "web" (shards/shard-1.json).',
    );
    expect(mergeShards([one], { appId: 'web' }).appId).toBe('web');
  });

  it('joins the full name lists of selective shards, sorted', () => {
    const selective = { selective: true, vcs: { headSha: 'a'.repeat(40), baseSha: 'c'.repeat(40) } };
    const merged = mergeShards([
      shard(1, { 'b.png': image(2) }, { ...selective, allImageFileNames: ['z.png', 'b.png'] }),
      shard(2, {}, { ...selective, allImageFileNames: ['a.png', 'b.png'] }),
    ]);
    expect(merged.allImageFileNames).toEqual(['a.png', 'b.png', 'z.png']);
    expect(mergeShards([one]).allImageFileNames).toBeUndefined();
  });
});
