import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { readShards } from './read-shards.js';
import { MAX_SHARD_BYTES, SHARD_FORMAT, type ShardManifest } from './shard-manifest.js';
import { writeShard } from './write-shard.js';

const shard: ShardManifest = {
  format: SHARD_FORMAT,
  version: 1,
  shard: { id: '6f1c2d3e-4a5b-4c6d-8e7f-001122334455', createdAt: '2026-01-01T00:00:00.000Z' },
  org: 'acme',
  project: 'web',
  objectScope: '1/2',
  appId: 'web',
  selective: false,
  vcs: {},
  images: { 'home.png': { group: 'main', content_hash: 'a'.repeat(64), width: 2, height: 2 } },
};

async function messageOf(paths: string[], cwd: string): Promise<string> {
  const error = await readShards(paths, cwd).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toMatchObject({ code: 'SHARD_UNREADABLE' });
  return (error as Error).message;
}

describe('readShards', () => {
  it('reads shard files and every *.json under folders, skipping hidden names, keeping key order', async () => {
    const dir = await makeTempDir();
    await writeShard(join(dir, 'a', 'shard.json'), shard);
    await writeShard(join(dir, 'b', 'nested', 'shard.json'), { ...shard, appId: 'other' });
    await mkdir(join(dir, 'b', '.partial'), { recursive: true });
    await writeFile(join(dir, 'b', '.partial', 'half.json'), '{');
    await writeFile(join(dir, 'b', '.shard.json.1234.tmp'), '{');
    const read = await readShards(['a/shard.json', 'b'], dir);
    expect(read.map(({ file }) => file)).toEqual([
      join(dir, 'a', 'shard.json'),
      join(dir, 'b', 'nested', 'shard.json'),
    ]);
    expect(read[0]?.manifest).toEqual(shard);
    expect(Object.keys(read[0]?.manifest.images['home.png'] ?? {})).toEqual([
      'group',
      'content_hash',
      'width',
      'height',
    ]);
  });

  it('refuses, naming the file, what is not a readable shard', async () => {
    const dir = await makeTempDir();
    const file = (name: string) => join(dir, name);
    await writeFile(file('cut.json'), '{"format":');
    await writeFile(file('other.json'), '[1]');
    await writeFile(file('future.json'), JSON.stringify({ ...shard, version: 2 }));
    await writeFile(
      file('bad.json'),
      JSON.stringify({ ...shard, images: { 'a.png': { content_hash: '', width: 1, height: 1 } } }),
    );
    await writeFile(file('extra.json'), JSON.stringify({ ...shard, token: 'x' }));
    await writeFile(file('huge.json'), Buffer.alloc(MAX_SHARD_BYTES + 1, 32));
    expect(await messageOf(['missing.json'], dir)).toBe(
      `Cannot use the shard file ${file('missing.json')}: it does not exist.`,
    );
    expect(await messageOf(['cut.json'], dir)).toBe(
      `Cannot use the shard file ${file('cut.json')}: it is not valid JSON (cut short?).`,
    );
    expect(await messageOf(['other.json'], dir)).toContain('it is not a sentry-snapshots shard file');
    expect(await messageOf(['future.json'], dir)).toContain(
      'a shard file of version 2, and this version of sentry-snapshots reads version 1',
    );
    expect(await messageOf(['bad.json'], dir)).toMatch(
      /does not hold a valid shard at "images" → "a\.png" → "content_hash"/,
    );
    expect(await messageOf(['extra.json'], dir)).toContain('does not hold a valid shard');
    expect(await messageOf(['huge.json'], dir)).toContain('more than a shard file may be');
  });

  it('asks for shards when none are named', async () => {
    await expect(readShards([], '/')).rejects.toMatchObject({ code: 'MISSING_OPTION', option: 'shards' });
  });
});
