import { lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { World } from '../world.js';

/** The hidden working folders of downloads start with this. */
export const DOWNLOAD_FOLDER_PREFIX = '.sentry-snapshots-download-';
const OWNER_FILE = 'owner.json';
/** A folder whose owner cannot be checked (another machine's, or never marked) is stale after this. */
export const STALE_DOWNLOAD_AGE_MS = 24 * 60 * 60 * 1000;

/** The folders this process works in: its own pid proves nothing about a folder of a killed process that had it. */
const ownFolders = new Set<string>();

export interface DownloadFolder {
  path: string;
  /** Removes the folder; never throws, so it cannot hide the error that ended the download. */
  remove(): Promise<void>;
}

/**
 * Makes a download's hidden working folder in `parent`, marked with its owner (host and pid),
 * after removing the stale ones that killed downloads left there (see `isStale`).
 */
export async function makeDownloadFolder(parent: string, world: World): Promise<DownloadFolder> {
  await removeStaleDownloadFolders(parent, world);
  const path = await mkdtemp(join(parent, DOWNLOAD_FOLDER_PREFIX));
  ownFolders.add(path);
  try {
    await writeFile(join(path, OWNER_FILE), JSON.stringify({ host: hostname(), pid: process.pid }));
  } catch (error) {
    await rm(path, { recursive: true, force: true }).catch(() => {});
    ownFolders.delete(path);
    throw error;
  }
  return {
    path,
    remove: async () => {
      await rm(path, { recursive: true, force: true }).catch((error: unknown) => {
        world.logger.warn(`could not remove the download folder ${path}`, { error: String(error) });
      });
      ownFolders.delete(path);
    },
  };
}

/** Best effort: a folder that cannot be read or removed is left for a later run. */
export async function removeStaleDownloadFolders(parent: string, world: World): Promise<void> {
  const names = await readdir(parent).catch(() => []);
  for (const name of names) {
    if (!name.startsWith(DOWNLOAD_FOLDER_PREFIX)) continue;
    const path = join(parent, name);
    if (await isStale(path, world).catch(() => false)) {
      world.logger.debug(`removing the stale download folder ${path}`);
      await rm(path, { recursive: true, force: true }).catch(() => {});
    }
  }
}

/**
 * A download folder is stale when its owner is a process of this machine that no longer runs
 * (or this very process, which does not use it), or, when that cannot be told, once it is a day old.
 */
async function isStale(path: string, world: World): Promise<boolean> {
  const info = await lstat(path);
  if (!info.isDirectory() || ownFolders.has(path)) return false;
  const owner = await readOwner(path);
  if (owner?.host === hostname()) return owner.pid === process.pid || !isRunning(owner.pid);
  return world.clock.now() - info.mtimeMs > STALE_DOWNLOAD_AGE_MS;
}

async function readOwner(path: string): Promise<{ host: string; pid: number } | undefined> {
  try {
    const owner: unknown = JSON.parse(await readFile(join(path, OWNER_FILE), 'utf8'));
    const { host, pid } = (owner ?? {}) as Record<string, unknown>;
    if (typeof host === 'string' && Number.isSafeInteger(pid) && (pid as number) > 0) {
      return { host, pid: pid as number };
    }
  } catch {}
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
