import { isDeepStrictEqual } from 'node:util';
import { SnapshotsError } from '../errors.js';
import type { ImageMetadata } from '../schemas/image-metadata.js';
import { shownValue } from '../schemas/shown-value.js';
import type { VcsContext } from '../schemas/vcs-context.js';
import { compareCodeUnits } from '../text/compare-code-units.js';
import type { ShardFile } from './read-shards.js';

export interface MergeShardsOptions {
  /** Refuse unless exactly this many distinct shards were given. */
  expectShards?: number | undefined;
  /** The app id restated at finalize: it must be the shards' own. */
  appId?: string | undefined;
}

export interface MergedShards {
  org: string;
  project: string;
  objectScope: string;
  appId: string;
  diffThreshold?: number | undefined;
  selective: boolean;
  /** The union of the shards' full name lists, sorted; undefined when none had one. */
  allImageFileNames?: string[] | undefined;
  vcs: VcsContext;
  /** Every image once, sorted by name, with the first shard file (in merge order) that holds it. */
  images: { key: string; metadata: ImageMetadata; file: string }[];
  /** Distinct shards, and the files read (a shard given twice is counted once). */
  shardCount: number;
  files: string[];
  warnings: string[];
}

/**
 * Merges shards into what one snapshot's manifest needs. The result depends on the set of shards
 * only, not on their order: shards are merged in the order of their ids, and images sorted by
 * name, as a folder's are. Refuses (naming the files) shards that disagree on what must be the same
 * for one snapshot, an image that two shards name with different contents, and a missing shard.
 */
export function mergeShards(read: readonly ShardFile[], options: MergeShardsOptions = {}): MergedShards {
  const warnings: string[] = [];
  const shards = distinctShards(read, warnings);
  checkCount(shards, read, options.expectShards);
  const [first] = shards;
  if (first === undefined) throw countMismatch(0, read, options.expectShards);
  for (const shard of shards.slice(1)) checkAgreement(first, shard);
  if (options.appId !== undefined && options.appId !== first.manifest.appId) {
    throw new SnapshotsError(
      'SHARDS_DISAGREE',
      `The app id ${shownValue(options.appId)} was given, but the shards were uploaded for ${shownValue(first.manifest.appId)} (${first.file}).`,
      {
        option: 'appId',
        hint: 'Leave the app id out of the finalize step (it comes from the shards), or give the one the shards were uploaded with.',
        details: { given: options.appId, shards: first.manifest.appId, file: first.file },
      },
    );
  }

  const images = new Map<string, { metadata: ImageMetadata; file: string }>();
  let names: Set<string> | undefined;
  for (const { file, manifest } of shards) {
    for (const [key, metadata] of Object.entries(manifest.images)) {
      const seen = images.get(key);
      if (seen === undefined) images.set(key, { metadata, file });
      else if (!isDeepStrictEqual(seen.metadata, metadata))
        throw imageConflict(key, seen, { metadata, file });
    }
    if (manifest.allImageFileNames !== undefined) {
      names ??= new Set();
      for (const name of manifest.allImageFileNames) names.add(name);
    }
  }
  const { manifest } = first;
  return {
    org: manifest.org,
    project: manifest.project,
    objectScope: manifest.objectScope,
    appId: manifest.appId,
    ...(manifest.diffThreshold === undefined ? {} : { diffThreshold: manifest.diffThreshold }),
    selective: manifest.selective,
    ...(names === undefined ? {} : { allImageFileNames: [...names].sort(compareCodeUnits) }),
    vcs: manifest.vcs,
    images: [...images.keys()].sort(compareCodeUnits).map((key) => ({ key, ...images.get(key)! })),
    shardCount: shards.length,
    files: read.map(({ file }) => file),
    warnings,
  };
}

/**
 * One shard per id, in the order of the ids. The same file given twice (a folder and a file in it,
 * two downloads of one artifact) is counted once; two different files under one id are refused,
 * since a shard file was edited or mixed up and neither can be trusted over the other.
 */
function distinctShards(read: readonly ShardFile[], warnings: string[]): ShardFile[] {
  const byId = new Map<string, ShardFile>();
  for (const shard of [...read].sort(
    (a, b) => compareCodeUnits(a.manifest.shard.id, b.manifest.shard.id) || compareCodeUnits(a.file, b.file),
  )) {
    const seen = byId.get(shard.manifest.shard.id);
    if (seen === undefined) {
      byId.set(shard.manifest.shard.id, shard);
    } else if (isDeepStrictEqual(seen.manifest, shard.manifest)) {
      if (seen.file !== shard.file)
        warnings.push(`${shard.file} is the same shard as ${seen.file}: counted once.`);
    } else {
      throw new SnapshotsError(
        'SHARD_CONFLICT',
        `${seen.file} and ${shard.file} carry the same shard id (${shard.manifest.shard.id}) but different contents.`,
        {
          hint: "One of them was changed after its upload wrote it: rerun that shard's upload to write it again, and pass only the new file.",
          details: { id: shard.manifest.shard.id, files: [seen.file, shard.file] },
        },
      );
    }
  }
  return [...byId.values()];
}

function checkCount(
  shards: readonly ShardFile[],
  read: readonly ShardFile[],
  expected: number | undefined,
): void {
  if (shards.length === 0 || (expected !== undefined && shards.length !== expected)) {
    throw countMismatch(shards.length, read, expected);
  }
}

function countMismatch(
  found: number,
  read: readonly ShardFile[],
  expected: number | undefined,
): SnapshotsError {
  const files =
    read.length === 0
      ? 'no shard files'
      : `${found} distinct shard${found === 1 ? '' : 's'} in ${read.length} file${read.length === 1 ? '' : 's'}`;
  const fewer = expected === undefined || found < expected;
  return new SnapshotsError(
    'SHARD_COUNT_MISMATCH',
    expected === undefined
      ? 'No shard files were found.'
      : `Expected ${expected} shards, found ${files}; no snapshot was created.`,
    {
      option: expected === undefined ? 'shards' : 'expectShards',
      hint: fewer
        ? 'A shard upload failed or its file was not passed on: rerun the failed shard job (or fetch its file), then finalize again.'
        : "Files of another build (or an earlier run) are among the shards: pass only this build's shard files.",
      details: { expected, found, files: read.map(({ file }) => file) },
    },
  );
}

/** What every shard of one snapshot must agree on, by the name the message uses. */
const agreedFields = [
  ['app id', (shard: ShardFile) => shard.manifest.appId],
  ['object store scope (org and project)', (shard: ShardFile) => shard.manifest.objectScope],
  ['diff threshold', (shard: ShardFile) => shard.manifest.diffThreshold],
  ['selective setting', (shard: ShardFile) => shard.manifest.selective],
  ['VCS context (commits, branches, repositories, pull request)', (shard: ShardFile) => shard.manifest.vcs],
] as const;

function checkAgreement(first: ShardFile, other: ShardFile): void {
  for (const [name, read] of agreedFields) {
    const [a, b] = [read(first), read(other)];
    if (isDeepStrictEqual(a, b)) continue;
    throw new SnapshotsError(
      'SHARDS_DISAGREE',
      `The shards disagree on the ${name}: ${shownValue(a, 200)} in ${first.file}, ${shownValue(b, 200)} in ${other.file}.`,
      {
        hint: 'Every shard of a snapshot must be uploaded with the same app id, project, options and commit: rerun the odd shard with the same settings (in CI, the same job definition and commit).',
        details: { field: name, files: [first.file, other.file], values: [a, b] },
      },
    );
  }
}

function imageConflict(
  key: string,
  a: { metadata: ImageMetadata; file: string },
  b: { metadata: ImageMetadata; file: string },
): SnapshotsError {
  const sameContent = a.metadata.content_hash === b.metadata.content_hash;
  const what = sameContent
    ? 'the same content with different metadata (sidecar)'
    : `different contents (${shownValue(a.metadata.content_hash, 80)} and ${shownValue(b.metadata.content_hash, 80)})`;
  return new SnapshotsError(
    'SHARD_CONFLICT',
    `The image ${shownValue(key, 200)} is in two shards with ${what}: ${a.file} and ${b.file}.`,
    {
      hint: 'Two shards took the same screenshot differently: make each test run in one shard only, or give each module its own name prefix.',
      details: {
        image: key,
        files: [a.file, b.file],
        hashes: [a.metadata.content_hash, b.metadata.content_hash],
      },
    },
  );
}
