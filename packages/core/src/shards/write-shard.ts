import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SnapshotsError } from '../errors.js';
import type { ShardManifest } from './shard-manifest.js';

/**
 * Writes the shard file whole or not at all: into a hidden file beside it, then renamed over it,
 * so a finalize step (or a CI artifact upload) never reads half a shard, and a killed run leaves
 * the previous file, or none, in place. The hidden name keeps a folder of shards free of it.
 */
export async function writeShard(path: string, shard: ShardManifest): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, `${JSON.stringify(shard, null, 2)}\n`, { flush: true });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SnapshotsError('OUTPUT_UNWRITABLE', `Cannot write the shard file ${path} (${code}).`, {
      cause: error,
      option: 'shardOut',
      hint: 'Choose a shard file in a folder this user may write to; the objects are stored, so a rerun only writes the file.',
      details: { path },
    });
  }
}
