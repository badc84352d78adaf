import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createObjectStoreClient, createSentryClient } from '../http/index.js';
import { createTestWorld } from '../http/loopback-server.testing.js';
import type { ImageEntry } from '../images/index.js';
import type { ProgressEvent } from '../progress.js';
import { createObjectSync } from './object-sync.js';

// Core cannot depend on the emulator (the emulator depends on core): its build is loaded by path.
interface Emulator {
  url: string;
  token: string;
  stats: { objectsStored: number };
  close(): Promise<void>;
}
const emulatorBuild = new URL('../../../../apps/emulator/dist/index.mjs', import.meta.url).href;
const { startEmulator } = (await import(emulatorBuild)) as {
  startEmulator(options: { port: number; dataDir: string }): Promise<Emulator>;
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp(count: number) {
  const dir = await mkdtemp(join(tmpdir(), 'object-sync-'));
  const emulator = await startEmulator({ port: 0, dataDir: join(dir, 'emulator') });
  cleanups.push(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });
  const entries: ImageEntry[] = [];
  for (let index = 0; index < count; index++) {
    // Every third image repeats the bytes of the one before: one object for both.
    const bytes = Buffer.from(`image ${index - (index % 3 === 2 ? 1 : 0)}`);
    const path = join(dir, `${index}.png`);
    await writeFile(path, bytes);
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    entries.push({
      key: `${index}.png`,
      path,
      size: bytes.length,
      contentHash,
      width: 1,
      height: 1,
      metadata: { content_hash: contentHash, width: 1, height: 1 },
    });
  }
  const world = createTestWorld();
  const sentry = createSentryClient({ url: emulator.url, authToken: emulator.token }, world);
  const store = () =>
    sentry
      .getUploadOptions('acme', 'web')
      .then((options) =>
        createObjectStoreClient({ options, refresh: () => sentry.getUploadOptions('acme', 'web') }, world),
      );
  return { emulator, entries, store };
}

describe('createObjectSync', () => {
  it('checks and stores chunk by chunk as entries arrive, each object once', async () => {
    const { emulator, entries, store } = await setUp(30);
    const events: ProgressEvent[] = [];
    const sync = createObjectSync({
      store: store(),
      dryRun: false,
      chunkSize: 4,
      onProgress: (event) => events.push(event),
    });
    for (const entry of entries) sync.add(entry);
    await sync.checked();
    const result = await sync.stored();
    expect(result).toMatchObject({ objects: 20, stored: 20, reused: 0 });
    expect(result.bytesSent).toBe(
      entries.reduce((sum, entry, index) => sum + (index % 3 === 2 ? 0 : entry.size), 0),
    );
    expect(result.requests).toBeGreaterThanOrEqual(10);
    expect(emulator.stats.objectsStored).toBe(20);
    const last = (phase: string) => events.filter((event) => event.phase === phase).at(-1);
    expect(last('check')).toMatchObject({ done: 20, total: 20 });
    expect(last('store')).toMatchObject({ done: 20, total: 20, bytes: result.bytesSent });

    const again = createObjectSync({ store: store(), dryRun: false, chunkSize: 7, onProgress: () => {} });
    for (const entry of entries) again.add(entry);
    expect(await again.stored()).toMatchObject({ objects: 20, stored: 0, reused: 20, bytesSent: 0 });
  });

  it('on a dry run counts what is missing and stores nothing', async () => {
    const { emulator, entries, store } = await setUp(6);
    const sync = createObjectSync({ store: store(), dryRun: true, onProgress: () => {} });
    for (const entry of entries) sync.add(entry);
    expect(await sync.stored()).toMatchObject({ objects: 4, stored: 4, reused: 0, bytesSent: 0 });
    expect(emulator.stats.objectsStored).toBe(0);
  });

  it('reports the first failure once and rejects with it', async () => {
    const { entries } = await setUp(3);
    const failures: unknown[] = [];
    const refused = new Error('no upload options');
    const sync = createObjectSync({
      store: Promise.reject(refused),
      dryRun: false,
      chunkSize: 1,
      onProgress: () => {},
      onFailure: (error) => failures.push(error),
    });
    for (const entry of entries) sync.add(entry);
    await expect(sync.checked()).rejects.toBe(refused);
    await expect(sync.stored()).rejects.toBe(refused);
    expect(failures).toEqual([refused]);
  });

  it('holds the producer back while too many objects are not known stored, until stores catch up', async () => {
    const { entries, store } = await setUp(6);
    // Every third entry repeats the one before; these four are distinct objects.
    const distinct = entries.filter((_, index) => index % 3 !== 2);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const sync = createObjectSync({
      store: gate.then(store),
      dryRun: false,
      chunkSize: 2,
      maxUnsettled: 4,
      onProgress: () => {},
    });
    for (const entry of distinct.slice(0, 3)) sync.add(entry);
    await sync.room();
    sync.add(distinct[3]!);
    let released = false;
    const room = sync.room().then(() => {
      released = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(released).toBe(false);
    open();
    await room;
    expect(released).toBe(true);
    expect(await sync.stored()).toMatchObject({ objects: 4, stored: 4 });
  });

  it('lets a waiting producer go on when a check fails, so the failure surfaces', async () => {
    const { entries } = await setUp(4);
    const refused = new Error('no upload options');
    const sync = createObjectSync({
      store: Promise.reject(refused),
      dryRun: false,
      chunkSize: 2,
      maxUnsettled: 4,
      onProgress: () => {},
    });
    for (const entry of entries) sync.add(entry);
    await expect(sync.room()).resolves.toBeUndefined();
    await expect(sync.stored()).rejects.toBe(refused);
  });
});
