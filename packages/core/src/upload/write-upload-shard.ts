import { randomUUID } from 'node:crypto';
import type { SnapshotManifest } from '../schemas/create-snapshot.js';
import type { UploadResult } from '../schemas/upload-result.js';
import type { VcsContext } from '../schemas/vcs-context.js';
import { SHARD_FORMAT, SHARD_VERSION, type ShardManifest } from '../shards/shard-manifest.js';
import { writeShard } from '../shards/write-shard.js';

export interface UploadShardFields {
  org: string;
  project: string;
  objectScope: string;
  appId: string;
  diffThreshold?: number | undefined;
  allImageFileNames?: string[] | undefined;
  vcs: VcsContext;
  /** The manifest this shard alone would have sent, checked by the server's rules. */
  manifest: SnapshotManifest;
}

/** Writes the shard of an upload whose objects are stored: what `finalize` needs of it. */
export async function writeUploadShard(
  file: string,
  fields: UploadShardFields,
): Promise<NonNullable<UploadResult['shard']>> {
  const shard: ShardManifest = {
    format: SHARD_FORMAT,
    version: SHARD_VERSION,
    shard: { id: randomUUID(), createdAt: new Date().toISOString() },
    org: fields.org,
    project: fields.project,
    objectScope: fields.objectScope,
    appId: fields.appId,
    ...(fields.diffThreshold === undefined ? {} : { diffThreshold: fields.diffThreshold }),
    selective: fields.manifest.selective === true,
    ...(fields.allImageFileNames === undefined ? {} : { allImageFileNames: fields.allImageFileNames }),
    vcs: fields.vcs,
    images: fields.manifest.images,
  };
  await writeShard(file, shard);
  return { file, id: shard.shard.id };
}
