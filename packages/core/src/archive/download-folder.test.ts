import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld } from '../http/loopback-server.testing.js';
import type { World } from '../world.js';
import {
  DOWNLOAD_FOLDER_PREFIX,
  makeDownloadFolder,
  removeStaleDownloadFolders,
  STALE_DOWNLOAD_AGE_MS,
} from './download-folder.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'download-folder-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The pid of a process that ran and ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid ?? 0;
}

/** The pid of a process that runs until the test ends. */
function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
  cleanups.push(() => void child.kill('SIGKILL'));
  return child.pid ?? 0;
}

/** A download folder as another run left it; `owner` undefined leaves no owner file. */
async function leftFolder(parent: string, name: string, owner?: unknown): Promise<string> {
  const path = join(parent, `${DOWNLOAD_FOLDER_PREFIX}${name}`);
  await mkdir(path);
  await writeFile(join(path, 'snapshot.zip.partial'), 'half a zip');
  if (owner !== undefined) await writeFile(join(path, 'owner.json'), JSON.stringify(owner));
  return path;
}

describe('removeStaleDownloadFolders', () => {
  it('removes the folders of ended processes of this machine, keeps those in use and all else', async () => {
    const parent = await scratch();
    const host = hostname();
    await leftFolder(parent, 'killed', { host, pid: await deadPid() });
    await leftFolder(parent, 'running', { host, pid: livePid() });
    // This very process's pid, on a folder it did not make: a killed run that had the same pid.
    await leftFolder(parent, 'reused-pid', { host, pid: process.pid });
    await leftFolder(parent, 'other-host', { host: `not-${host}`, pid: 1 });
    await leftFolder(parent, 'unmarked');
    await writeFile(join(parent, `${DOWNLOAD_FOLDER_PREFIX}file`), 'not a folder');
    await mkdir(join(parent, 'images'));
    await removeStaleDownloadFolders(parent, realWorld());
    expect((await readdir(parent)).sort()).toEqual(
      [
        `${DOWNLOAD_FOLDER_PREFIX}file`,
        `${DOWNLOAD_FOLDER_PREFIX}other-host`,
        `${DOWNLOAD_FOLDER_PREFIX}running`,
        `${DOWNLOAD_FOLDER_PREFIX}unmarked`,
        'images',
      ].sort(),
    );
  });

  it('removes a folder whose owner cannot be checked once it is a day old', async () => {
    const parent = await scratch();
    const old = Date.now() - STALE_DOWNLOAD_AGE_MS - 60_000;
    for (const name of ['other-host', 'unmarked', 'garbled']) {
      const owner =
        name === 'other-host' ? { host: 'elsewhere', pid: 1 } : name === 'garbled' ? 'x' : undefined;
      const path = await leftFolder(parent, name, owner);
      await utimes(path, old / 1000, old / 1000);
    }
    await leftFolder(parent, 'young', { host: 'elsewhere', pid: 1 });
    await removeStaleDownloadFolders(parent, realWorld());
    expect(await readdir(parent)).toEqual([`${DOWNLOAD_FOLDER_PREFIX}young`]);
  });
});

describe('makeDownloadFolder', () => {
  it('marks its folder with its owner, and two of one process keep each other', async () => {
    const parent = await scratch();
    await leftFolder(parent, 'killed', { host: hostname(), pid: await deadPid() });
    const world = realWorld();
    const first = await makeDownloadFolder(parent, world);
    const second = await makeDownloadFolder(parent, world);
    expect((await readdir(parent)).sort()).toEqual(
      [first.path, second.path].map((path) => path.slice(parent.length + 1)).sort(),
    );
    expect(await readdir(first.path)).toEqual(['owner.json']);
    await first.remove();
    await second.remove();
    expect(await readdir(parent)).toEqual([]);
  });
});

/** File ages are compared with the wall clock. */
function realWorld(): World {
  return { ...createTestWorld(), clock: { now: () => Date.now(), sleep: async () => {} } };
}
