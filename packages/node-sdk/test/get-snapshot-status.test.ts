import { join } from 'node:path';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSnapshotStatus, type SnapshotDetail, uploadSnapshots } from '../src/index.js';

const testbed = useTestEmulator(startEmulator);
/** Reading needs no project. */
const readEnv = (overrides: Record<string, string> = {}) =>
  testbed.env({ SENTRY_PROJECT: undefined, ...overrides });
/** A snapshot without a base (settled at once) and one whose base never arrives. */
let solo: string;
let waiting: string;

beforeAll(async () => {
  await writePng(join(testbed.dir, 'home.png'), { width: 6, height: 4, seed: 7 });
  const upload = async (vcs: { baseSha?: string; baseRepoName?: string }) =>
    (
      await uploadSnapshots({
        path: testbed.dir,
        appId: 'status-sdk',
        env: testbed.env(),
        gitMetadata: 'off',
        vcs,
      })
    ).artifactId!;
  solo = await upload({});
  waiting = await upload({ baseSha: 'b'.repeat(40), baseRepoName: 'acme/web' });
});

describe('getSnapshotStatus', () => {
  it('reads a solo snapshot: the summary and the raw detail', async () => {
    const status = await getSnapshotStatus({ artifactId: solo, env: readEnv() });
    expect(status.summary).toMatchObject({ artifactId: solo, type: 'solo', state: null, hasChanges: false });
    expect(status.detail).toMatchObject({ head_artifact_id: solo, app_id: 'status-sdk', image_count: 1 });
  });

  it('returns at once when waiting on a comparison that has settled', async () => {
    const polls: SnapshotDetail[] = [];
    const status = await getSnapshotStatus({
      artifactId: solo,
      env: readEnv(),
      wait: true,
      onPoll: (detail) => polls.push(detail),
    });
    expect(polls).toHaveLength(1);
    expect(status.summary.type).toBe('solo');
  });

  it('answers with the state now without wait, and times out with wait', async () => {
    const now = await getSnapshotStatus({ artifactId: waiting, env: readEnv() });
    expect(now.summary).toMatchObject({ type: 'waiting_for_base', state: 'waiting_for_base' });
    await expect(
      getSnapshotStatus({ artifactId: waiting, env: readEnv(), wait: true, timeoutMs: 0 }),
    ).rejects.toMatchObject({ code: 'WAIT_TIMEOUT', family: 'comparison' });
  });

  it('waits for a comparison with a base to end, with the names of the changed images', async () => {
    const build = { provider: 'github', headRepoName: 'acme/web', headRef: 'main' };
    const folder = await makeTempDir();
    await writePng(join(folder, 'home.png'), { width: 6, height: 4, seed: 8 });
    const base = await uploadSnapshots({
      path: testbed.dir,
      appId: 'compare-sdk',
      env: testbed.env(),
      gitMetadata: 'off',
      vcs: { ...build, headSha: 'a'.repeat(40) },
    });
    const head = await uploadSnapshots({
      path: folder,
      appId: 'compare-sdk',
      env: testbed.env(),
      gitMetadata: 'off',
      vcs: { ...build, headSha: 'c'.repeat(40), baseSha: 'a'.repeat(40), baseRepoName: 'acme/web' },
    });
    const status = await getSnapshotStatus({
      artifactId: head.artifactId!,
      env: readEnv(),
      wait: true,
      intervalMs: 100,
    });
    expect(status.summary).toMatchObject({
      type: 'diff',
      state: 'success',
      counts: { changed: 1, added: 0, removed: 0 },
      names: { changed: ['home.png'] },
      hasChanges: true,
    });
    expect(status.detail.base_artifact_id).toBe(base.artifactId);
  });

  it('takes the connection from its options over the env', async () => {
    const status = await getSnapshotStatus({
      artifactId: solo,
      authToken: testbed.emulator.token,
      url: testbed.emulator.url,
      org: 'acme',
      headers: { 'X-Test': '1' },
      env: {},
    });
    expect(status.summary.artifactId).toBe(solo);
  });

  it('throws typed errors: unknown snapshot, bad token, bad timeout', async () => {
    await expect(getSnapshotStatus({ artifactId: '999999', env: readEnv() })).rejects.toMatchObject({
      code: 'SNAPSHOT_NOT_FOUND',
    });
    await expect(
      getSnapshotStatus({ artifactId: solo, env: readEnv({ SENTRY_AUTH_TOKEN: 'wrong' }) }),
    ).rejects.toMatchObject({ family: 'auth' });
    await expect(
      getSnapshotStatus({ artifactId: solo, env: readEnv(), wait: true, timeoutMs: Number.NaN }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});
