import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { describe, expect, it } from 'vitest';
import { finalizeSnapshots, isSnapshotsError, type ProgressEvent, uploadSnapshots } from '../src/index.js';

const testbed = useTestEmulator(startEmulator);
const env = () => testbed.env();
const commit = (digit: string) => digit.repeat(40);
const build = (head: string, base?: string) => ({
  provider: 'github',
  headRepoName: 'acme/web',
  headRef: base ? 'feature' : 'main',
  headSha: head,
  ...(base ? { baseSha: base, baseRepoName: 'acme/web' } : {}),
});

/** Two modules' folders: `app/home.png` and `feature/settings.png`, the latter drawn from `seed`. */
async function modules(seed: number): Promise<string> {
  const dir = await makeTempDir();
  await writePng(join(dir, 'app', 'home.png'), { width: 8, height: 6, seed: 51 });
  await writePng(join(dir, 'feature', 'settings.png'), { width: 8, height: 6, seed });
  return dir;
}

describe('finalizeSnapshots', () => {
  it('makes one snapshot of shards, waits for its comparison and judges it as uploadSnapshots does', async () => {
    const baseline = await modules(52);
    const base = await uploadSnapshots({
      path: [
        { path: 'app', prefix: 'app' },
        { path: 'feature', prefix: 'feature' },
      ],
      cwd: baseline,
      appId: 'sdk-shards',
      env: env(),
      gitMetadata: 'off',
      vcs: build(commit('1')),
    });
    expect(Object.keys(testbed.emulator.getSnapshot(base.artifactId!)!.manifest.images)).toEqual([
      'app/home.png',
      'feature/settings.png',
    ]);

    const head = await modules(99);
    const shards = join(head, 'shards');
    const shard = (module: string) =>
      uploadSnapshots({
        path: module,
        prefix: module,
        cwd: head,
        appId: 'sdk-shards',
        env: env(),
        gitMetadata: 'off',
        vcs: build(commit('2'), commit('1')),
        shardOut: join('shards', `${module}.json`),
      });
    const written = await Promise.all([shard('app'), shard('feature')]);
    expect(written.map((result) => [result.artifactId, result.shard?.file])).toEqual([
      [null, join(shards, 'app.json')],
      [null, join(shards, 'feature.json')],
    ]);
    expect(written[0]?.objects).toMatchObject({ stored: 0, reused: 1 });
    expect(JSON.parse(await readFile(join(shards, 'app.json'), 'utf8'))).toMatchObject({
      format: 'sentry-snapshots-shard',
      version: 1,
      appId: 'sdk-shards',
      vcs: build(commit('2'), commit('1')),
      images: { 'app/home.png': { width: 8, height: 6 } },
    });

    const events: ProgressEvent[] = [];
    const uploaded: string[] = [];
    const result = await finalizeSnapshots({
      shards: 'shards',
      cwd: head,
      expectShards: 2,
      env: env(),
      failOnChanges: true,
      waitTimeoutMs: 60_000,
      onProgress: (event) => events.push(event),
      onUploaded: (created) => uploaded.push(created.artifactId!),
    });
    expect(result).toMatchObject({
      appId: 'sdk-shards',
      images: { count: 2 },
      objects: { stored: 0, reused: 2 },
      shards: { count: 2 },
      comparison: { summary: { names: { changed: ['feature/settings.png'] } } },
    });
    expect(uploaded).toEqual([result.artifactId]);
    expect(events.some((event) => event.phase === 'check' && event.done === 2)).toBe(true);
    expect(result.comparison?.failure).toMatchObject({
      code: 'CHANGES_DETECTED',
      details: { upload: { artifactId: result.artifactId } },
    });
  });

  it("refuses what a shard cannot do, in the SDK's words", async () => {
    const dir = await modules(7);
    const refused = await uploadSnapshots({
      path: 'app',
      cwd: dir,
      appId: 'sdk-shards',
      env: env(),
      shardOut: 'shard.json',
      wait: true,
    }).catch((error: unknown) => error);
    expect(isSnapshotsError(refused) && refused.code).toBe('INVALID_OPTION');
    expect((refused as Error).message).toBe(
      'A shard upload creates no snapshot, so it cannot be combined with wait.',
    );
    expect((refused as { hint: string }).hint).toMatch(/^Pass the shardOut option/);

    await mkdir(join(dir, 'empty'));
    await expect(finalizeSnapshots({ shards: ['empty'], cwd: dir, env: env() })).rejects.toMatchObject({
      code: 'SHARD_COUNT_MISMATCH',
      message: 'No shard files were found.',
    });
  });
});
