import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { SnapshotsError } from '../errors.js';
import { shownValue } from '../schemas/shown-value.js';
import {
  MAX_SHARD_BYTES,
  SHARD_FORMAT,
  SHARD_VERSION,
  type ShardManifest,
  ShardManifestSchema,
} from './shard-manifest.js';

/** A shard as read: its file, to name it in messages, and what it holds. */
export interface ShardFile {
  file: string;
  manifest: ShardManifest;
}

/** More shard files than any CI runs machines: a folder holding more is not a folder of shards. */
const MAX_SHARD_FILES = 1000;

/**
 * Reads shard files, and every `*.json` file under the folders among `paths` (names starting with
 * `.` skipped: a shard still being written is one). Each file is untrusted: bounded in size, and
 * refused unless its schema passes, with a message naming it.
 */
export async function readShards(paths: readonly string[], cwd: string): Promise<ShardFile[]> {
  if (paths.length === 0) {
    throw new SnapshotsError('MISSING_OPTION', 'No shard files or folders were given.', {
      option: 'shards',
      hint: 'Name the shard files the uploads wrote, or the folder they were downloaded into.',
    });
  }
  const files: string[] = [];
  for (const path of paths) files.push(...(await shardFilesAt(resolve(cwd, path))));
  if (files.length > MAX_SHARD_FILES) {
    throw new SnapshotsError(
      'SHARD_COUNT_MISMATCH',
      `${files.length} shard files were found, more than the ${MAX_SHARD_FILES} a snapshot may have.`,
      {
        option: 'shards',
        hint: "Point to the folder that holds only this build's shard files.",
      },
    );
  }
  const shards: ShardFile[] = [];
  for (const file of files) shards.push({ file, manifest: await readShard(file) });
  return shards;
}

async function shardFilesAt(path: string): Promise<string[]> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(
      path,
      error.code === 'ENOENT' ? 'it does not exist' : `cannot read it: ${error.code ?? error}`,
      error,
    );
  });
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(path, `cannot read the folder: ${error.code ?? error}`, error);
  });
  const candidates = entries
    .filter((entry) => /\.json$/i.test(entry) && !entry.split(sep).some((part) => part.startsWith('.')))
    .sort()
    .map((entry) => join(path, entry));
  const files: string[] = [];
  for (const candidate of candidates) {
    if ((await stat(candidate).catch(() => undefined))?.isFile()) files.push(candidate);
  }
  return files;
}

async function readShard(file: string): Promise<ShardManifest> {
  const info = await stat(file);
  if (info.size > MAX_SHARD_BYTES) {
    throw unreadable(file, `it is ${info.size} bytes, more than a shard file may be (${MAX_SHARD_BYTES})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? 'it is not valid JSON (cut short?)'
        : `cannot read it: ${(error as NodeJS.ErrnoException).code ?? error}`;
    throw unreadable(file, reason, error);
  }
  const marked = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (marked.format !== SHARD_FORMAT) {
    throw unreadable(file, 'it is not a sentry-snapshots shard file');
  }
  if (marked.version !== SHARD_VERSION) {
    throw unreadable(
      file,
      `it is a shard file of version ${shownValue(marked.version)}, and this version of sentry-snapshots reads version ${SHARD_VERSION}`,
      undefined,
      'Use the same version of sentry-snapshots for the shard uploads and the finalize step.',
    );
  }
  const parsed = ShardManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length
      ? ` at ${issue.path.map((part) => shownValue(String(part))).join(' → ')}`
      : '';
    throw unreadable(file, `it does not hold a valid shard${where}: ${issue?.message ?? 'invalid'}`);
  }
  // The file's own objects, checked: the schema transforms nothing, and its output would put the
  // known keys of each image first, where the upload kept its sidecar's order.
  return data as ShardManifest;
}

function unreadable(file: string, reason: string, cause?: unknown, hint?: string): SnapshotsError {
  return new SnapshotsError('SHARD_UNREADABLE', `Cannot use the shard file ${file}: ${reason}.`, {
    ...(cause === undefined ? {} : { cause }),
    hint:
      hint ??
      'Pass the files that the shard uploads wrote, unchanged; rerun the shard upload that wrote a broken one.',
    details: { file },
  });
}
