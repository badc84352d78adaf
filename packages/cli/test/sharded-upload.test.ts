import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UploadResultSchema } from '@sentry-snapshots/core/contract';
import { startEmulator } from '@sentry-snapshots/emulator';
import { encodePng, padPngBeforeEnd } from '@sentry-snapshots/test-kit/images';
import { spawnCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { describe, expect, it } from 'vitest';

const testbed = useTestEmulator(startEmulator);
const noGit = ['--no-git-metadata'];

async function place(root: string, name: string, bytes: Buffer | string): Promise<void> {
  await mkdir(dirname(join(root, name)), { recursive: true });
  await writeFile(join(root, name), bytes);
}

/** A small PNG whose bytes are its own for each `n`: one colour from `n`. */
function png(n: number): Buffer {
  return encodePng({ width: 4, height: 3, fill: [n % 256, Math.floor(n / 256) % 256, 77, 255] });
}

/** A suite of `count` screenshots with sidecars on some, each with its own bytes from `seed`. */
function suite(count: number, seed: number, large = false): Map<string, Buffer | string> {
  const files = new Map<string, Buffer | string>();
  for (let index = 0; index < count; index++) {
    const name = `${['home', 'settings', 'checkout/cart'][index % 3]}/screen-${index}`;
    // Over 1 MiB, an object is stored on its own (a PUT), not in a batch.
    files.set(
      `${name}.png`,
      large ? padPngBeforeEnd(png(seed + index), randomBytes(1_100_000)) : png(seed + index),
    );
    if (index % 4 === 0)
      files.set(`${name}.json`, JSON.stringify({ display_name: `Screen ${index}`, tags: ['t'] }));
  }
  return files;
}

/** The whole suite in one folder, and split `ways` ways, each shard's folder holding its images (and their sidecars). */
async function splitSuite(files: Map<string, Buffer | string>, ways: number) {
  const root = await makeTempDir();
  const whole = join(root, 'whole');
  const shards = Array.from({ length: ways }, (_, index) => join(root, `shard-${index + 1}`));
  const images = [...files.keys()].filter((name) => name.endsWith('.png'));
  for (const [name, bytes] of files) await place(whole, name, bytes);
  for (const [index, image] of images.entries()) {
    const into = shards[index % ways]!;
    await place(into, image, files.get(image)!);
    const sidecar = image.replace(/\.png$/, '.json');
    if (files.has(sidecar)) await place(into, sidecar, files.get(sidecar)!);
  }
  return { root, whole, shards, out: join(root, 'shards') };
}

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  return spawnCli(args, { env: testbed.env(env) }).result;
}

function parseResult(stdout: string) {
  return UploadResultSchema.parse(JSON.parse(stdout));
}

/** The error a `--json` run printed: `{ error: { code, … } }`. */
function errorOf(stdout: string): { code: string; message: string; hint?: string } {
  return (JSON.parse(stdout) as { error: { code: string; message: string; hint?: string } }).error;
}

function manifestOf(artifactId: string | null) {
  const snapshot = testbed.emulator.getSnapshot(artifactId!);
  expect(snapshot).toBeDefined();
  return snapshot!.manifest;
}

/** Snapshots the emulator holds: their ids run from 1 without gaps. */
function createdSnapshots(): number {
  let count = 0;
  while (testbed.emulator.getSnapshot(count + 1) !== undefined) count++;
  return count;
}

async function uploadShards(shards: string[], out: string, extra: (index: number) => string[] = () => []) {
  const runs = await Promise.all(
    shards.map((folder, index) =>
      cli([
        'upload',
        folder,
        '--app-id',
        'web',
        '--shard-out',
        join(out, `shard-${index + 1}.json`),
        '--json',
        ...noGit,
        ...extra(index),
      ]),
    ),
  );
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  return runs.map((run) => parseResult(run.stdout));
}

describe('sharded uploads and finalize', () => {
  it('four shards uploaded in parallel finalize into the manifest of one upload of the whole folder', async () => {
    const split = await splitSuite(suite(30, 100), 4);
    testbed.emulator.resetStats();
    const results = await uploadShards(split.shards, split.out);
    for (const result of results) {
      expect(result).toMatchObject({
        artifactId: null,
        snapshotUrl: null,
        shard: { file: expect.stringMatching(/shard-\d\.json$/) },
      });
    }
    expect(results.map((result) => result.images.count).reduce((a, b) => a + b)).toBe(30);
    // Four machines, thirty distinct contents: each stored once, and no snapshot yet.
    expect(testbed.emulator.stats.objectsStored).toBe(30);
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBeUndefined();

    const finalized = await cli(['finalize', split.out, '--expect-shards', '4', '--json']);
    expect(finalized.code, finalized.stderr).toBe(0);
    const result = parseResult(finalized.stdout);
    expect(result).toMatchObject({
      appId: 'web',
      images: { count: 30, uniqueObjects: 30 },
      objects: { stored: 0, reused: 30 },
      shards: { count: 4 },
    });
    // Finalizing checks, and stores nothing.
    expect(testbed.emulator.stats.objectsStored).toBe(30);
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBe(1);

    const whole = await cli(['upload', split.whole, '--app-id', 'web', '--json', ...noGit]);
    expect(whole.code, whole.stderr).toBe(0);
    const unsharded = parseResult(whole.stdout);
    expect(unsharded.objects).toMatchObject({ stored: 0, reused: 30 });
    // The same manifest, down to the order of its keys.
    expect(JSON.stringify(manifestOf(result.artifactId))).toBe(
      JSON.stringify(manifestOf(unsharded.artifactId)),
    );
    expect(Object.keys(manifestOf(result.artifactId).images)).toHaveLength(30);
  });

  it('stores an object shared by shards once, across machines that run one after another', async () => {
    const shared = png(900);
    const root = await makeTempDir();
    const [a, b, out] = ['a', 'b', 'shards'].map((name) => join(root, name)) as [string, string, string];
    // Same name and bytes in both (an identical duplicate), same bytes under another name, and one of each's own.
    await place(a, 'common.png', shared);
    await place(b, 'common.png', shared);
    await place(b, 'copy-of-common.png', shared);
    await place(a, 'only-a.png', png(901));
    await place(b, 'only-b.png', png(902));
    testbed.emulator.resetStats();
    const first = await cli([
      'upload',
      a,
      '--app-id',
      'web',
      '--shard-out',
      join(out, 'a.json'),
      '--json',
      ...noGit,
    ]);
    expect(first.code, first.stderr).toBe(0);
    const second = await cli([
      'upload',
      b,
      '--app-id',
      'web',
      '--shard-out',
      join(out, 'b.json'),
      '--json',
      ...noGit,
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(parseResult(second.stdout).objects).toMatchObject({ stored: 1, reused: 1 });
    expect(testbed.emulator.stats.objectsStored).toBe(3);

    const finalized = await cli(['finalize', join(out, 'b.json'), join(out, 'a.json'), '--json']);
    expect(finalized.code, finalized.stderr).toBe(0);
    expect(testbed.emulator.stats.objectsStored).toBe(3);
    expect(Object.keys(manifestOf(parseResult(finalized.stdout).artifactId).images)).toEqual([
      'common.png',
      'copy-of-common.png',
      'only-a.png',
      'only-b.png',
    ]);
  });

  describe('refuses shards that cannot make one snapshot, creating none', () => {
    async function twoShards(options: { secondArgs?: string[]; secondBytes?: Buffer } = {}) {
      const root = await makeTempDir();
      const [a, b, out] = ['a', 'b', 'shards'].map((name) => join(root, name)) as [string, string, string];
      await place(a, 'home.png', png(1000));
      await place(b, 'settings.png', png(1001));
      if (options.secondBytes) await place(b, 'home.png', options.secondBytes);
      const runs = await Promise.all([
        cli(['upload', a, '--app-id', 'web', '--shard-out', join(out, 'a.json'), ...noGit]),
        cli([
          'upload',
          b,
          '--app-id',
          'web',
          '--shard-out',
          join(out, 'b.json'),
          ...noGit,
          ...(options.secondArgs ?? []),
        ]),
      ]);
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      return { root, out, a: join(out, 'a.json'), b: join(out, 'b.json') };
    }

    async function refused(args: string[], code: string) {
      const before = createdSnapshots();
      const run = await cli(['finalize', ...args, '--json']);
      expect(run.code, run.stderr).toBe(20);
      const error = errorOf(run.stdout);
      expect(error.code).toBe(code);
      expect(createdSnapshots()).toBe(before);
      return error;
    }

    it('the same image name with two contents, naming the image and both shards', async () => {
      const shards = await twoShards({ secondBytes: png(1002) });
      const error = await refused([shards.out], 'SHARD_CONFLICT');
      expect(error.message).toContain('"home.png"');
      expect(error.message).toContain(shards.a);
      expect(error.message).toContain(shards.b);
    });

    it('a missing shard with --expect-shards, saying how many were found', async () => {
      const shards = await twoShards();
      const error = await refused([shards.out, '--expect-shards', '3'], 'SHARD_COUNT_MISMATCH');
      expect(error.message).toBe(
        'Expected 3 shards, found 2 distinct shards in 2 files; no snapshot was created.',
      );
      await refused([shards.a, '--expect-shards', '2'], 'SHARD_COUNT_MISMATCH');
    });

    it('a shard given twice counts once; a changed copy of one is refused', async () => {
      const shards = await twoShards();
      const copy = join(shards.root, 'copy-of-a.json');
      await cp(shards.a, copy);
      const error = await refused([shards.out, copy, '--expect-shards', '3'], 'SHARD_COUNT_MISMATCH');
      expect(error.message).toContain('found 2 distinct shards in 3 files');
      const counted = await cli(['finalize', shards.out, copy, '--expect-shards', '2', '--json']);
      expect(counted.code, counted.stderr).toBe(0);
      expect(parseResult(counted.stdout)).toMatchObject({ images: { count: 2 }, shards: { count: 2 } });
      expect(counted.stderr).toContain('is the same shard as');

      const shard = JSON.parse(await readFile(shards.a, 'utf8'));
      shard.images['home.png'].display_name = 'Edited';
      await writeFile(copy, JSON.stringify(shard));
      const edited = await refused([shards.out, copy], 'SHARD_CONFLICT');
      expect(edited.message).toContain('carry the same shard id');
    });

    it('shards of another app id, another commit, or an app id restated differently', async () => {
      const otherApp = await twoShards({ secondArgs: ['--app-id', 'ios'] });
      const error = await refused([otherApp.out], 'SHARDS_DISAGREE');
      expect(error.message).toMatch(/disagree on the app id: "(web|ios)" in .*, "(web|ios)" in /);

      const otherCommit = await twoShards({ secondArgs: ['--head-sha', 'c'.repeat(40)] });
      expect((await refused([otherCommit.out], 'SHARDS_DISAGREE')).message).toContain('VCS context');

      const agreeing = await twoShards();
      // Objects are stored per project: finalizing into another is refused before anything is checked.
      expect((await refused([agreeing.out, '--project', 'mobile'], 'SHARDS_DISAGREE')).message).toMatch(
        /^The shards stored their objects for org\/project "\d+\/\d+" \("acme", "web"\), but this step targets \d+\/\d+ \(acme, mobile\)\.$/,
      );
      expect((await refused([agreeing.out, '--app-id', 'android'], 'SHARDS_DISAGREE')).message).toContain(
        'The app id "android" was given',
      );
      const restated = await cli(['finalize', agreeing.out, '--app-id', 'web', '--json']);
      expect(restated.code, restated.stderr).toBe(0);
    });

    it('a shard whose objects are not stored, naming the shard to upload again', async () => {
      const shards = await twoShards();
      const shard = JSON.parse(await readFile(shards.b, 'utf8'));
      shard.images['settings.png'].content_hash = 'e'.repeat(64);
      await writeFile(shards.b, JSON.stringify(shard));
      const error = await refused([shards.out], 'SHARD_OBJECTS_MISSING');
      expect(error.message).toBe(
        `1 image is not in Sentry's object store: "settings.png" (${shards.b}). No snapshot was created.`,
      );
      expect(error.hint).toContain(`Rerun the upload of the shard that wrote ${shards.b}`);
    });

    it('a file that is not a shard, naming it', async () => {
      const shards = await twoShards();
      await writeFile(join(shards.out, 'notes.json'), '{"hello": 1}');
      const error = await refused([shards.out], 'SHARD_UNREADABLE');
      expect(error.message).toBe(
        `Cannot use the shard file ${join(shards.out, 'notes.json')}: it is not a sentry-snapshots shard file.`,
      );
    });
  });

  it('counts a shard whose tests took no screenshot, and adds nothing for it', async () => {
    const split = await splitSuite(suite(3, 5000), 2);
    const empty = join(split.root, 'empty');
    await mkdir(empty);
    const [shard] = await uploadShards([empty], split.out, () => []);
    expect(shard).toMatchObject({
      images: { count: 0 },
      warnings: [`No images in ${empty}: the shard is empty.`],
    });
    const finalized = await cli(['finalize', split.out, '--expect-shards', '1', '--json']);
    expect(finalized.code, finalized.stderr).toBe(0);
    expect(manifestOf(parseResult(finalized.stdout).artifactId)).toEqual({ app_id: 'web', images: {} });
    const unsharded = await cli(['upload', empty, '--app-id', 'web', '--json', ...noGit]);
    expect(errorOf(unsharded.stdout).code).toBe('NO_IMAGES');
  });

  it('joins the full name lists of selective shards with one given at finalize', async () => {
    const split = await splitSuite(suite(4, 6000), 2);
    const baseSha = 'b'.repeat(40);
    const names = [...suite(4, 6000).keys()].filter((name) => name.endsWith('.png'));
    const namesFile = join(split.root, 'all-names.txt');
    await writeFile(namesFile, 'removed/old.png\n');
    await uploadShards(split.shards, split.out, (index) => [
      '--base-sha',
      baseSha,
      '--all-image-file-names',
      names.filter((_, at) => at % 2 === index).join(','),
    ]);
    const finalized = await cli(['finalize', split.out, '--all-image-file-names-file', namesFile, '--json']);
    expect(finalized.code, finalized.stderr).toBe(0);
    expect(manifestOf(parseResult(finalized.stdout).artifactId)).toMatchObject({
      selective: true,
      base_sha: baseSha,
      all_image_file_names: [...names, 'removed/old.png'].sort(),
    });
  });

  describe('reruns', () => {
    it('a finalize that failed finishes when run again, and the same shards give the same manifest', async () => {
      const split = await splitSuite(suite(8, 2000), 2);
      await uploadShards(split.shards, split.out);
      const before = createdSnapshots();
      // A store that cannot answer is an outage (exit 40), not a shard to upload again.
      testbed.emulator.faults.inject({ method: 'POST', path: 'objects:batch', status: 500, times: 1 });
      const unchecked = await cli(['finalize', split.out, '--json'], { SENTRY_HTTP_MAX_RETRIES: '0' });
      expect(unchecked.code, unchecked.stderr).toBe(40);
      expect(errorOf(unchecked.stdout).code).toBe('OBJECT_STORE_ERROR');
      testbed.emulator.faults.inject({
        method: 'POST',
        path: '/preprodartifacts/snapshots/',
        status: 500,
        times: 1,
      });
      const failed = await cli(['finalize', split.out, '--json'], { SENTRY_HTTP_MAX_RETRIES: '0' });
      expect(failed.code, failed.stderr).toBe(40);
      expect(createdSnapshots()).toBe(before);

      const first = await cli(['finalize', split.out, '--expect-shards', '2', '--json']);
      expect(first.code, first.stderr).toBe(0);
      const again = await cli([
        'finalize',
        join(split.out, 'shard-2.json'),
        join(split.out, 'shard-1.json'),
        '--json',
      ]);
      expect(again.code, again.stderr).toBe(0);
      const [one, two] = [parseResult(first.stdout), parseResult(again.stdout)];
      expect(two.artifactId).not.toBe(one.artifactId);
      expect(JSON.stringify(manifestOf(two.artifactId))).toBe(JSON.stringify(manifestOf(one.artifactId)));
    });

    it('a shard upload killed while storing leaves no shard file, and its rerun finishes', async () => {
      const split = await splitSuite(suite(12, 3000, true), 2);
      const shardFile = join(split.out, 'shard-1.json');
      testbed.emulator.resetStats();
      // The first store hangs, while the others land.
      testbed.emulator.faults.inject({ method: 'PUT', path: '/objects/', delayMs: 30_000, times: 1 });
      const killed = spawnCli(
        ['upload', split.shards[0]!, '--app-id', 'web', '--shard-out', shardFile, ...noGit],
        {
          env: testbed.env(),
        },
      );
      const giveUp = Date.now() + 20_000;
      while (testbed.emulator.stats.objectsStored === 0 && Date.now() < giveUp) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      killed.child.kill('SIGKILL');
      expect((await killed.result).signal).toBe('SIGKILL');
      const stored = testbed.emulator.stats.objectsStored;
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(6);
      await expect(readdir(split.out)).rejects.toMatchObject({ code: 'ENOENT' });
      testbed.emulator.faults.clear();

      const [rerun] = await uploadShards(split.shards, split.out);
      expect(rerun!.objects).toMatchObject({ stored: 6 - stored, reused: stored });
      const finalized = await cli(['finalize', split.out, '--expect-shards', '2', '--json']);
      expect(finalized.code, finalized.stderr).toBe(0);
      expect(parseResult(finalized.stdout).images.count).toBe(12);
    });
  });

  describe('several folders in one upload', () => {
    async function modules() {
      const root = await makeTempDir();
      const [app, feature] = [join(root, 'app'), join(root, 'feature')];
      await place(app, 'home.png', png(4000));
      await place(app, 'home.json', JSON.stringify({ group: 'app' }));
      await place(feature, 'home.png', png(4001));
      await place(feature, 'login/form.png', png(4002));
      return { root, app, feature };
    }

    it('names each folder under its prefix, alone or sharded', async () => {
      const { root, app, feature } = await modules();
      const run = await cli([
        'upload',
        `${feature}=feature`,
        `${app}=app`,
        '--app-id',
        'android',
        '--json',
        ...noGit,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const manifest = manifestOf(parseResult(run.stdout).artifactId);
      expect(Object.keys(manifest.images)).toEqual([
        'app/home.png',
        'feature/home.png',
        'feature/login/form.png',
      ]);
      expect(manifest.images['app/home.png']).toMatchObject({ group: 'app' });

      const prefixed = await cli([
        'upload',
        app,
        '--prefix',
        'modules/',
        '--app-id',
        'android',
        '--dry-run',
        '--json',
        ...noGit,
      ]);
      expect(prefixed.code, prefixed.stderr).toBe(0);
      expect(Object.keys(parseResult(prefixed.stdout).manifest!.images)).toEqual(['modules/home.png']);

      const out = join(root, 'shards');
      const shards = await Promise.all([
        cli(['upload', `${app}=app`, '--app-id', 'android', '--shard-out', join(out, 'app.json'), ...noGit]),
        cli([
          'upload',
          `${feature}=feature`,
          '--app-id',
          'android',
          '--shard-out',
          join(out, 'feature.json'),
          ...noGit,
        ]),
      ]);
      for (const shard of shards) expect(shard.code, shard.stderr).toBe(0);
      const finalized = await cli(['finalize', out, '--expect-shards', '2', '--json']);
      expect(finalized.code, finalized.stderr).toBe(0);
      expect(JSON.stringify(manifestOf(parseResult(finalized.stdout).artifactId))).toBe(
        JSON.stringify(manifest),
      );
    });

    it('refuses two files that would get the same name, naming both', async () => {
      const { app, feature } = await modules();
      const before = createdSnapshots();
      const run = await cli(['upload', app, feature, '--app-id', 'android', '--json', ...noGit]);
      expect(run.code, run.stderr).toBe(20);
      const error = errorOf(run.stdout);
      expect(error.code).toBe('DUPLICATE_IMAGE_KEY');
      expect(error.message).toBe(
        `Two images would both be named home.png: ${join(app, 'home.png')} and ${join(feature, 'home.png')}.`,
      );
      expect(createdSnapshots()).toBe(before);
    });
  });
});
