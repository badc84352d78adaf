import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld } from './loopback-server.testing.js';
import { createObjectStoreClient, type StoreObject } from './object-store-client.js';
import { createSentryClient } from './sentry-client.js';

// Core cannot depend on the emulator (the emulator depends on core), so the test loads its build
// by path, typed by the little it uses; the workspace's `test` script builds every package first.
interface Emulator {
  url: string;
  token: string;
  stats: { batchOperations: Record<string, number>; objectsStored: number; unmatched: string[] };
  revokeObjectStoreTokens(): Promise<void>;
  close(): Promise<void>;
}
interface EmulatorModule {
  startEmulator(options: {
    port: number;
    dataDir: string;
    compat?: Record<string, unknown>;
  }): Promise<Emulator>;
}
const emulatorBuild = new URL('../../../../apps/emulator/dist/index.mjs', import.meta.url).href;
const { startEmulator } = (await import(emulatorBuild)) as EmulatorModule;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function useEmulator(compat: Record<string, unknown> = {}): Promise<Emulator> {
  const dataDir = await mkdtemp(join(tmpdir(), 'http-emulator-'));
  const emulator = await startEmulator({ port: 0, dataDir, compat });
  cleanups.push(async () => {
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return emulator;
}

function objectOf(bytes: Buffer): StoreObject {
  return {
    hash: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.byteLength,
    read: async () => bytes,
  };
}

async function uploadRoundTrip(emulator: Emulator, batch: boolean) {
  const world = createTestWorld();
  const sentry = createSentryClient({ url: emulator.url, authToken: emulator.token }, world);
  const options = await sentry.getUploadOptions('acme', 'web');
  const store = createObjectStoreClient(
    { options, refresh: () => sentry.getUploadOptions('acme', 'web'), batch },
    world,
  );
  const objects = [
    ...Array.from({ length: 120 }, (_, index) => objectOf(Buffer.from(`image ${index}`))),
    objectOf(Buffer.alloc(1024 * 1024 + 10, 1)),
  ];
  const hashes = objects.map((object) => object.hash);

  expect(await store.findMissing(hashes)).toEqual(new Set(hashes));
  expect(await store.store(objects)).toMatchObject({ stored: objects.length });
  expect(await store.findMissing(hashes)).toEqual(new Set());

  const created = await sentry.createSnapshot('acme', 'web', {
    app_id: 'web',
    images: Object.fromEntries(
      objects.map((object, index) => [
        `screen-${index}.png`,
        { content_hash: object.hash, width: 1, height: 1 },
      ]),
    ),
  });
  const detail = await sentry.getSnapshot('acme', created.artifactId);
  return { store, detail, objects };
}

describe('the clients against the emulator', () => {
  it('checks in batches, stores, finds everything, and creates a snapshot', async () => {
    const emulator = await useEmulator();
    const { detail, objects, store } = await uploadRoundTrip(emulator, true);
    expect(detail.image_count).toBe(objects.length);
    expect(emulator.stats.batchOperations).toEqual({ head: 2 * objects.length, insert: objects.length - 1 });
    expect(emulator.stats.objectsStored).toBe(objects.length);
    expect(emulator.stats.unmatched).toEqual([]);
    expect(store.stats.requests).toBeLessThan(20);
  });

  it('does the same with single requests on a store without batch', async () => {
    const emulator = await useEmulator({ batch: false, usecaseAuto: false, zstd: false });
    const { detail, objects } = await uploadRoundTrip(emulator, true);
    expect(detail.image_count).toBe(objects.length);
    expect(emulator.stats.batchOperations).toEqual({});
    expect(emulator.stats.objectsStored).toBe(objects.length);
  });

  it('renews revoked object-store tokens', async () => {
    const emulator = await useEmulator();
    const world = createTestWorld();
    const sentry = createSentryClient({ url: emulator.url, authToken: emulator.token }, world);
    const store = createObjectStoreClient(
      {
        options: await sentry.getUploadOptions('acme', 'web'),
        refresh: () => sentry.getUploadOptions('acme', 'web'),
      },
      world,
    );
    await emulator.revokeObjectStoreTokens();
    const object = objectOf(Buffer.from('after revocation'));
    await store.store([object]);
    expect(await store.findMissing([object.hash])).toEqual(new Set());
  });
});
