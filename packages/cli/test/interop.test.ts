import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SnapshotDetail } from '@sentry-snapshots/core';
import { type Emulator, type EmulatorOptions, startEmulator } from '@sentry-snapshots/emulator';
import { encodePng } from '@sentry-snapshots/test-kit/images';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { createTempDir, makeTempDir, type TempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { writeContractFolder } from './contract-folder.js';

/**
 * The official clients upload to the emulator and must succeed with exactly the manifest the API
 * describes (docs/sentry-api.md, "Create snapshot"): this keeps the emulator true to the real
 * protocol, and our CLI is held to the same.
 */

const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const sentryCli = bin('sentry-cli');
const sentryTs = bin('sentry');

type Manifest = { app_id: string; images: Record<string, Record<string, unknown>> };

let images: TempDir;
let folder: string;
let expected: Manifest;

beforeAll(async () => {
  images = await createTempDir('interop-images-');
  folder = images.path;
  expected = { app_id: 'interop-app', images: await writeContractFolder(folder) };
});

afterAll(() => images?.remove());

async function useEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const emulator = await startEmulator({ dataDir: await makeTempDir('interop-emulator-'), ...options });
  onTestFinished(() => emulator.close());
  return emulator;
}

/** Runs an official client with nothing from this process's environment but PATH, outside any git repo. */
async function runOfficial(file: string, args: string[], env: Record<string, string>) {
  const cwd = await makeTempDir('interop-cwd-');
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
      timeout: 50_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The manifest as the detail endpoint reports it, turned back into the manifest's shape. */
async function readBackManifest(emulator: Emulator, artifactId: string): Promise<Manifest> {
  const response = await fetch(
    `${emulator.url}/api/0/organizations/acme/preprodartifacts/snapshots/${artifactId}/`,
    {
      headers: { authorization: `Bearer ${emulator.token}` },
    },
  );
  expect(response.status).toBe(200);
  const detail = (await response.json()) as { app_id: string; images: Record<string, unknown>[] };
  const images = Object.fromEntries(
    detail.images.map(({ key, image_file_name, ...rest }) => {
      const present = Object.entries(rest).filter(([, value]) => value !== null);
      return [image_file_name as string, { content_hash: key, ...Object.fromEntries(present) }];
    }),
  );
  return { app_id: detail.app_id, images };
}

/** Sidecar tags arrive as `['dark']`; the server reads an array `[t]` as `{t: t}`. */
function asServerReadsIt(manifest: Manifest): Manifest {
  const images = Object.fromEntries(
    Object.entries(manifest.images).map(([name, image]) => [
      name,
      Array.isArray(image.tags)
        ? { ...image, tags: Object.fromEntries((image.tags as string[]).map((tag) => [tag, tag])) }
        : image,
    ]),
  );
  return { ...manifest, images };
}

/** Every image's bytes, as the emulator serves them back, hash to its content_hash. */
async function expectStoredBytes(emulator: Emulator): Promise<void> {
  const response = await fetch(
    `${emulator.url}/api/0/organizations/acme/preprodartifacts/snapshots/latest-base/?app_id=${expected.app_id}`,
    { headers: { authorization: `Bearer ${emulator.token}` } },
  );
  const latest = (await response.json()) as { images: { key: string; image_url: string }[] };
  expect(latest.images).toHaveLength(Object.keys(expected.images).length);
  for (const image of latest.images) {
    const bytes = Buffer.from(await (await fetch(image.image_url)).arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(image.key);
  }
}

async function expectExactManifest(emulator: Emulator, artifactId: string): Promise<void> {
  expect(emulator.getSnapshot(artifactId)?.manifest).toEqual(expected);
  expect(await readBackManifest(emulator, artifactId)).toEqual(asServerReadsIt(expected));
  await expectStoredBytes(emulator);
  expect(emulator.stats.unmatched).toEqual([]);
}

describe('official @sentry/cli 3.8.0', () => {
  const upload = (emulator: Emulator, env: Record<string, string>, extra: string[] = []) =>
    runOfficial(sentryCli, ['snapshots', 'upload', '--app-id', expected.app_id, ...extra, folder], {
      SENTRY_URL: emulator.url,
      SENTRY_AUTH_TOKEN: emulator.token,
      ...env,
    });
  const artifactIdOf = (stdout: string) => /Created snapshot (\d+)/.exec(stdout)?.[1] ?? '';

  it('uploads a folder with nested dirs, sidecars, png and jpg', async () => {
    const emulator = await useEmulator();
    const run = await upload(emulator, {}, ['-o', 'acme', '-p', 'web']);
    expect(run.code, run.stderr).toBe(0);
    await expectExactManifest(emulator, artifactIdOf(run.stdout));
    expect(emulator.stats.requests['POST objects:batch']).toBeGreaterThan(0);
    expect(emulator.stats.objectsStored).toBeGreaterThanOrEqual(5);
  });

  it('uploads a base and a head the emulator compares: the expected lists and counts', async () => {
    const emulator = await useEmulator();
    const head = await makeTempDir('interop-head-');
    await cp(folder, head, { recursive: true });
    await writeFile(join(head, 'plain.png'), encodePng({ width: 4, height: 2, fill: [0, 0, 0, 255] }));
    await rm(join(head, 'settings/nested'), { recursive: true });
    await rename(join(head, 'twins/b.png'), join(head, 'twins/c.png'));
    await writeFile(join(head, 'new.png'), encodePng({ width: 6, height: 6, seed: 9 }));
    const repo = ['--vcs-provider', 'github', '--head-repo-name', 'acme/web'];
    const baseSha = 'a'.repeat(40);
    const base = await upload(emulator, { SENTRY_ORG: 'acme', SENTRY_PROJECT: 'web' }, [
      ...['--head-sha', baseSha, '--head-ref', 'main', ...repo],
    ]);
    expect(base.code, base.stderr).toBe(0);
    const headRun = await runOfficial(
      sentryCli,
      [
        ...['snapshots', 'upload', '--app-id', expected.app_id, ...repo],
        ...['--head-sha', 'b'.repeat(40), '--head-ref', 'feature', '--base-sha', baseSha],
        ...['--base-repo-name', 'acme/web', '--base-ref', 'main', head],
      ],
      {
        SENTRY_URL: emulator.url,
        SENTRY_AUTH_TOKEN: emulator.token,
        SENTRY_ORG: 'acme',
        SENTRY_PROJECT: 'web',
      },
    );
    expect(headRun.code, headRun.stderr).toBe(0);
    await emulator.settleComparisons();

    const response = await fetch(
      `${emulator.url}/api/0/organizations/acme/preprodartifacts/snapshots/${artifactIdOf(headRun.stdout)}/`,
      { headers: { authorization: `Bearer ${emulator.token}` } },
    );
    const detail = (await response.json()) as SnapshotDetail;
    const names = (images: { image_file_name: string }[]) => images.map((image) => image.image_file_name);
    const headNames = (pairs: SnapshotDetail['changed']) =>
      pairs.map((pair) => pair.head_image?.image_file_name);
    expect(detail).toMatchObject({
      base_artifact_id: artifactIdOf(base.stdout),
      comparison_type: 'diff',
      comparison_state: 'success',
      images: [],
      changed_count: 1,
      added_count: 1,
      removed_count: 1,
      renamed_count: 1,
      unchanged_count: 3,
      errored_count: 0,
      skipped_count: 0,
    });
    expect(headNames(detail.changed)).toEqual(['plain.png']);
    expect(names(detail.added)).toEqual(['new.png']);
    expect(names(detail.removed)).toEqual(['settings/nested/deep/Card.PNG']);
    expect(
      detail.renamed.map((pair) => [pair.base_image?.image_file_name, pair.head_image?.image_file_name]),
    ).toEqual([['twins/b.png', 'twins/c.png']]);
    expect(names(detail.unchanged)).toEqual(['home.png', 'settings/profile.jpg', 'twins/a.png']);
  });

  it('finds the URL and organization in an org auth token', async () => {
    const emulator = await useEmulator();
    const token = emulator.createOrgAuthToken('acme');
    const run = await runOfficial(
      sentryCli,
      ['snapshots', 'upload', '--app-id', expected.app_id, '-p', 'web', folder],
      {
        SENTRY_AUTH_TOKEN: token,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    await expectExactManifest(emulator, artifactIdOf(run.stdout));
  });

  it("reads the emulator's error body: an old server's 400 reaches the user as Sentry's detail", async () => {
    // sentry-cli 3.8.0 itself does not retry without usecase=auto or zstd; our CLI does.
    const emulator = await useEmulator({ compat: { usecaseAuto: false } });
    const run = await upload(emulator, { SENTRY_ORG: 'acme', SENTRY_PROJECT: 'web' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('sentry reported an error: Invalid usecase (http status: 400)');
  });
});

describe('official sentry 0.49.0 (TypeScript CLI)', () => {
  it('uploads the same folder with `sentry snapshots upload`', async () => {
    const emulator = await useEmulator();
    const run = await runOfficial(
      sentryTs,
      ['snapshots', 'upload', folder, '--app-id', expected.app_id, '--no-git-metadata', '--json'],
      {
        SENTRY_URL: emulator.url,
        SENTRY_AUTH_TOKEN: emulator.token,
        SENTRY_ORG: 'acme',
        SENTRY_PROJECT: 'web',
        SENTRY_CLI_NO_TELEMETRY: '1',
        SENTRY_CLI_NO_UPDATE_CHECK: '1',
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { snapshot: { artifactId: string; imageCount: number } };
    expect(result.snapshot.imageCount).toBe(Object.keys(expected.images).length);
    await expectExactManifest(emulator, result.snapshot.artifactId);
    expect(emulator.stats.requests['GET organization']).toBeGreaterThan(0);
  });
});

describe('our sentry-snapshots CLI', () => {
  it('sends the same manifest as the official clients for the same folder', async () => {
    const emulator = await useEmulator();
    const official = await upload(emulator);
    expect(official.code, official.stderr).toBe(0);
    const ours = await runCli(
      ['upload', folder, '--app-id', expected.app_id, '--json', '--no-git-metadata'],
      {
        env: {
          SENTRY_URL: emulator.url,
          SENTRY_AUTH_TOKEN: emulator.token,
          SENTRY_ORG: 'acme',
          SENTRY_PROJECT: 'web',
        },
      },
    );
    expect(ours.code, ours.stderr).toBe(0);
    const artifactId = (JSON.parse(ours.stdout) as { artifactId: string }).artifactId;
    await expectExactManifest(emulator, artifactId);
    expect(emulator.getSnapshot(artifactId)?.manifest).toEqual(
      emulator.getSnapshot(official.artifactId)?.manifest,
    );
  });

  async function upload(emulator: Emulator): Promise<{ code: number; stderr: string; artifactId: string }> {
    const run = await runOfficial(
      sentryCli,
      ['snapshots', 'upload', '--app-id', expected.app_id, '-o', 'acme', '-p', 'web', folder],
      {
        SENTRY_URL: emulator.url,
        SENTRY_AUTH_TOKEN: emulator.token,
      },
    );
    return {
      code: run.code,
      stderr: run.stderr,
      artifactId: /Created snapshot (\d+)/.exec(run.stdout)?.[1] ?? '',
    };
  }
});
