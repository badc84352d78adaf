import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '@sentry-snapshots/emulator';
import { encodePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { describe, expect, it } from 'vitest';
import { isSnapshotsError, type ProgressEvent, uploadSnapshots } from '../src/index.js';

const testbed = useTestEmulator(startEmulator);

async function screenshots(seed: number): Promise<string> {
  const dir = await makeTempDir();
  await writeFile(join(dir, 'home.png'), encodePng({ width: 6, height: 4, seed }));
  await writeFile(join(dir, 'home.json'), JSON.stringify({ display_name: 'Home' }));
  await writeFile(join(dir, 'about.png'), encodePng({ width: 3, height: 5, seed: seed + 1 }));
  return dir;
}

const env = () => testbed.env();

describe('uploadSnapshots', () => {
  it('uploads with every default from the env it is given, reporting progress', async () => {
    const cwd = await screenshots(100);
    const events: ProgressEvent[] = [];
    const result = await uploadSnapshots({
      path: '.',
      cwd,
      appId: 'sdk',
      env: env(),
      gitMetadata: 'off',
      onProgress: (event) => events.push(event),
    });
    expect(result).toMatchObject({
      org: 'acme',
      project: 'web',
      appId: 'sdk',
      dryRun: false,
      images: { count: 2, skipped: 0, uniqueObjects: 2, skippedFiles: [], ignoredSidecars: [] },
      objects: { stored: 2, reused: 0 },
    });
    expect(result.snapshotUrl).toContain(testbed.emulator.url);
    const manifest = testbed.emulator.getSnapshot(result.artifactId!)?.manifest;
    expect(manifest?.images['home.png']).toMatchObject({ display_name: 'Home', width: 6, height: 4 });
    expect(events.some((event) => event.phase === 'hash' && event.done === 2 && event.total === 2)).toBe(
      true,
    );
  });

  it('takes org and URL from an org auth token', async () => {
    const path = await screenshots(200);
    const result = await uploadSnapshots({
      path,
      appId: 'sdk',
      authToken: testbed.emulator.createOrgAuthToken('token-org'),
      project: 'web',
      env: {},
      gitMetadata: 'off',
    });
    expect(result.org).toBe('token-org');
  });

  it('does no write on a dry run and returns the manifest', async () => {
    const path = await screenshots(300);
    testbed.emulator.resetStats();
    const result = await uploadSnapshots({
      path,
      appId: 'sdk',
      env: env(),
      gitMetadata: 'off',
      dryRun: true,
    });
    expect(result.dryRun).toBe(true);
    expect(result.artifactId).toBeNull();
    expect(Object.keys(result.manifest?.images ?? {}).sort()).toEqual(['about.png', 'home.png']);
    expect(testbed.emulator.stats.objectsStored).toBe(0);
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBeUndefined();
  });

  it('previews without a token on a dry run', async () => {
    const path = await screenshots(600);
    const result = await uploadSnapshots({
      path,
      appId: 'sdk',
      env: { SENTRY_ORG: 'acme', SENTRY_PROJECT: 'web' },
      gitMetadata: 'off',
      dryRun: true,
    });
    expect(result).toMatchObject({ dryRun: true, objects: { stored: 2, reused: 0 } });
    expect(result.warnings).toContain(
      'No auth token: the dry run did not check which objects Sentry already has.',
    );
  });

  it.each([
    [{ SENTRY_AUTH_TOKEN: undefined }, 'MISSING_AUTH_TOKEN'],
    [{ SENTRY_ORG: undefined }, 'MISSING_ORG'],
    [{ SENTRY_PROJECT: undefined }, 'MISSING_PROJECT'],
  ])('throws a typed error when something is missing (%j)', async (overrides, code) => {
    const error = await uploadSnapshots({ path: '.', appId: 'sdk', env: { ...env(), ...overrides } }).catch(
      (caught: unknown) => caught,
    );
    expect(isSnapshotsError(error)).toBe(true);
    expect(error).toMatchObject({ code, family: 'config' });
  });

  it('throws MISSING_APP_ID for an empty app id', async () => {
    await expect(uploadSnapshots({ path: '.', appId: ' ', env: env() })).rejects.toMatchObject({
      code: 'MISSING_APP_ID',
      hint: expect.stringContaining('appId'),
    });
  });

  it('stops with ABORTED when its signal aborts', async () => {
    const path = await screenshots(400);
    const controller = new AbortController();
    controller.abort();
    await expect(
      uploadSnapshots({ path, appId: 'sdk', env: env(), gitMetadata: 'off', signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('maps server answers to typed errors (401 → auth family)', async () => {
    const path = await screenshots(500);
    const error = await uploadSnapshots({
      path,
      appId: 'sdk',
      env: { ...env(), SENTRY_AUTH_TOKEN: 'wrong' },
      gitMetadata: 'off',
    }).catch((caught: unknown) => caught);
    expect(isSnapshotsError(error) && error.family).toBe('auth');
  });
});
