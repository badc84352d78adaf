import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateSnapshotResponseSchema } from '@sentry-snapshots/core/contract';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { callApi, commitSha, contentHash, useEmulator } from './emulator-fixture.js';
import { encodeZstdFrame } from './zstd-frame.js';

const create = 'projects/acme/web/preprodartifacts/snapshots/';
const image = { content_hash: contentHash('a'), width: 10, height: 20 };
const valid = { app_id: 'app', images: { 'home.png': image } };
const long = 'x'.repeat(256);
const textMessage = (field: string) =>
  `The ${field} field must be a string with maximum length of 255 characters.`;

describe('POST projects/{org}/{project}/preprodartifacts/snapshots/', () => {
  it('answers 200 camelCase and keeps the manifest exactly as sent', async () => {
    const emulator = await useEmulator();
    const manifest = {
      ...valid,
      images: {
        'a/b.png': { ...image, display_name: 'B', tags: ['dark'], context: { theme: 'dark' } },
        'c.jpg': image,
      },
      diff_threshold: 0.5,
      head_sha: commitSha('1'),
      provider: 'github',
      head_repo_name: 'o/r',
      head_ref: 'main',
      unknown_key: 'ignored',
    };
    const { status, json } = await callApi(emulator, create, { method: 'POST', body: manifest });
    expect(status).toBe(200);
    expect(CreateSnapshotResponseSchema.safeParse(json).success).toBe(true);
    expect(json).toEqual({
      artifactId: '1',
      snapshotMetricsId: '1000',
      imageCount: 2,
      snapshotUrl: `${emulator.url}/organizations/acme/preprod/snapshots/1/?project=100`,
    });
    const { unknown_key: _ignored, ...kept } = manifest;
    expect(emulator.getSnapshot('1')?.manifest).toEqual(kept);
  });

  it('accepts an empty images map', async () => {
    const emulator = await useEmulator();
    const { status, json } = await callApi(emulator, create, {
      method: 'POST',
      body: { app_id: 'a', images: {} },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ imageCount: 0 });
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    [
      'app_id missing',
      { images: {} },
      'The app_id field is required and must be a string with maximum length of 255 characters.',
    ],
    [
      'app_id too long',
      { ...valid, app_id: long },
      'The app_id field is required and must be a string with maximum length of 255 characters.',
    ],
    [
      'images missing',
      { app_id: 'a' },
      'The images field is required and must be an object mapping image names to image metadata.',
    ],
    [
      'images an array',
      { app_id: 'a', images: [] },
      'The images field is required and must be an object mapping image names to image metadata.',
    ],
    [
      'diff_threshold 1',
      { ...valid, diff_threshold: 1 },
      'The diff_threshold field must be a number greater than or equal to 0 and less than 1.',
    ],
    [
      'diff_threshold null',
      { ...valid, diff_threshold: null },
      'The diff_threshold field must be a number greater than or equal to 0 and less than 1.',
    ],
    ['selective not boolean', { ...valid, selective: 'yes' }, 'The selective field must be a boolean.'],
    [
      'all_image_file_names not array',
      { ...valid, all_image_file_names: 'a' },
      'The all_image_file_names field must be an array of strings with at most 50000 entries.',
    ],
    [
      'head_sha uppercase',
      { ...valid, head_sha: commitSha('A') },
      'The head_sha field must be a 40-character hexadecimal SHA1 string (no uppercase letters).',
    ],
    [
      'base_sha short',
      { ...valid, base_sha: 'abc' },
      'The base_sha field must be a 40-character hexadecimal SHA1 string (no uppercase letters).',
    ],
    [
      'head_sha null',
      { ...valid, head_sha: null },
      'The head_sha field must be a 40-character hexadecimal SHA1 string (no uppercase letters).',
    ],
    [
      'provider too long',
      { ...valid, provider: long },
      'The provider field must be a string with maximum length of 255 characters containing the domain of the VCS provider (ex. github.com)',
    ],
    ['head_repo_name too long', { ...valid, head_repo_name: long }, textMessage('head_repo_name')],
    ['base_repo_name not string', { ...valid, base_repo_name: 3 }, textMessage('base_repo_name')],
    ['head_ref too long', { ...valid, head_ref: long }, textMessage('head_ref')],
    ['base_ref null', { ...valid, base_ref: null }, textMessage('base_ref')],
    ['pr_number 0', { ...valid, pr_number: 0 }, 'The pr_number field must be a positive integer.'],
    ['pr_number fraction', { ...valid, pr_number: 1.5 }, 'The pr_number field must be a positive integer.'],
    [
      'names without selective',
      { ...valid, all_image_file_names: ['home.png'] },
      'all_image_file_names requires selective to be true.',
    ],
    ['selective without base', { ...valid, selective: true }, 'selective requires base_sha to be provided.'],
    [
      'empty names',
      { ...valid, selective: true, base_sha: commitSha('b'), all_image_file_names: [] },
      'all_image_file_names must not be empty.',
    ],
    [
      'image not listed',
      { ...valid, selective: true, base_sha: commitSha('b'), all_image_file_names: ['other.png'] },
      'Every image name must appear in all_image_file_names.',
    ],
    [
      'reserved name',
      { app_id: 'a', images: { 'manifest.json': image } },
      'The filename manifest.json is reserved.',
    ],
    [
      'image without hash',
      { app_id: 'a', images: { 'x.png': { width: 1, height: 1 } } },
      'Validation error in image "x.png", field "content_hash": field is required',
    ],
    [
      'image negative width',
      { app_id: 'a', images: { 'x.png': { ...image, width: -1 } } },
      'Validation error in image "x.png", field "width": must be a non-negative integer',
    ],
    [
      'image bad tags',
      { app_id: 'a', images: { 'x.png': { ...image, tags: 3 } } },
      'Validation error in image "x.png", field "tags": must be an object of strings or an array of strings',
    ],
  ];

  it.each(invalid)('400 for %s', async (_name, body, detail) => {
    const emulator = await useEmulator();
    const { status, json } = await callApi(emulator, create, { method: 'POST', body });
    expect({ status, json }).toEqual({ status: 400, json: { detail } });
    expect(emulator.getSnapshot('1')).toBeUndefined();
  });

  it('400 Invalid json body for a body that is not JSON or not an object', async () => {
    const emulator = await useEmulator();
    for (const body of [Buffer.from('{nope'), Buffer.from('[1]')]) {
      const { status, json } = await callApi(emulator, create, { method: 'POST', body });
      expect({ status, json }).toEqual({ status: 400, json: { detail: 'Invalid json body' } });
    }
  });

  it('answers the old generic images message when asked to behave like an old server', async () => {
    const emulator = await useEmulator({ compat: { imageErrors: 'old' } });
    const body = { app_id: 'a', images: { 'x.png': { width: 1, height: 1 } } };
    const { status, json } = await callApi(emulator, create, { method: 'POST', body });
    expect(status).toBe(400);
    expect(json).toEqual({
      detail: 'The images field is required and must be an object mapping image names to image metadata.',
    });
  });

  describe('Content-Encoding', () => {
    it('decodes a zstd body', async () => {
      const emulator = await useEmulator();
      const body = encodeZstdFrame(Buffer.from(JSON.stringify(valid)));
      const { status } = await callApi(emulator, create, {
        method: 'POST',
        body,
        headers: { 'content-encoding': 'zstd' },
      });
      expect(status).toBe(200);
      expect(emulator.getSnapshot(1)?.manifest).toEqual(valid);
    });

    it('400 Invalid zstd payload for bytes that are not zstd', async () => {
      const emulator = await useEmulator();
      const { status, json } = await callApi(emulator, create, {
        method: 'POST',
        body: Buffer.from(JSON.stringify(valid)),
        headers: { 'content-encoding': 'zstd' },
      });
      expect({ status, json }).toEqual({ status: 400, json: { detail: 'Invalid zstd payload' } });
    });

    it('400 Unsupported Content-Encoding for gzip', async () => {
      const emulator = await useEmulator();
      const { status, json } = await callApi(emulator, create, {
        method: 'POST',
        body: Buffer.from(JSON.stringify(valid)),
        headers: { 'content-encoding': 'gzip' },
      });
      expect({ status, json }).toEqual({ status: 400, json: { detail: 'Unsupported Content-Encoding' } });
    });

    it('like an old server, answers Invalid json body to zstd when zstd is switched off', async () => {
      const emulator = await useEmulator({ compat: { zstd: false } });
      const body = encodeZstdFrame(Buffer.from(JSON.stringify(valid)));
      const compressed = await callApi(emulator, create, {
        method: 'POST',
        body,
        headers: { 'content-encoding': 'zstd' },
      });
      expect(compressed).toMatchObject({ status: 400, json: { detail: 'Invalid json body' } });
      const plain = await callApi(emulator, create, { method: 'POST', body: valid });
      expect(plain.status).toBe(200);
    });
  });

  it("limits creations per organization and answers the API's 429", async () => {
    const emulator = await useEmulator({ rateLimit: { limit: 3, windowSeconds: 60 } });
    for (let i = 0; i < 3; i++) {
      expect((await callApi(emulator, create, { method: 'POST', body: valid })).status).toBe(200);
    }
    const limited = await callApi(emulator, create, { method: 'POST', body: valid });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      detail: 'You are attempting to use this endpoint too frequently. Limit is 3 requests in 60 seconds',
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const otherOrg = await callApi(emulator, 'projects/other/web/preprodartifacts/snapshots/', {
      method: 'POST',
      body: valid,
    });
    expect(otherOrg.status).toBe(200);
  });

  it("uses Sentry's limit of 100 per 60 seconds by default", async () => {
    const emulator = await useEmulator();
    const answers = await Promise.all(
      Array.from({ length: 101 }, () => callApi(emulator, create, { method: 'POST', body: valid })),
    );
    const statuses = answers.map(({ status }) => status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(100);
    expect(answers.find(({ status }) => status === 429)?.json).toEqual({
      detail: 'You are attempting to use this endpoint too frequently. Limit is 100 requests in 60 seconds',
    });
  });

  it('403 Feature not enabled when the feature is switched off, like old servers', async () => {
    const emulator = await useEmulator({ compat: { snapshotsFeature: false } });
    const { status, json } = await callApi(emulator, create, { method: 'POST', body: valid });
    expect({ status, json }).toEqual({ status: 403, json: { detail: 'Feature not enabled' } });
  });
});

describe('create is all or nothing', () => {
  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const manifestWith = (context: string) =>
    Buffer.from(
      `{"app_id":"app","images":{"home.png":{"content_hash":"${contentHash('a')}","width":1,"height":1,"context":${context}}}}`,
    );

  it('400 Invalid json body for JSON nested deeper than 1024 levels, keeping nothing', async () => {
    const emulator = await useEmulator();
    const deep = await callApi(emulator, create, { method: 'POST', body: manifestWith(nested(100_000)) });
    expect({ status: deep.status, json: deep.json }).toEqual({
      status: 400,
      json: { detail: 'Invalid json body' },
    });
    expect(emulator.getSnapshot('1')).toBeUndefined();
    expect((await callApi(emulator, 'organizations/acme/preprodartifacts/snapshots/1/')).status).toBe(404);
    // The whole body counts: 1024 levels in all is still accepted.
    const deepest = await callApi(emulator, create, { method: 'POST', body: manifestWith(nested(1021)) });
    expect(deepest).toMatchObject({ status: 200, json: { artifactId: '1' } });
    const tooDeep = await callApi(emulator, create, { method: 'POST', body: manifestWith(nested(1022)) });
    expect(tooDeep).toMatchObject({ status: 400, json: { detail: 'Invalid json body' } });
  });

  it('registers nothing and uses no id when the snapshot cannot be written, before or after a restart', async () => {
    const dataDir = await makeTempDir('emulator-');
    const emulator = await useEmulator({ dataDir });
    // A folder where the record's file must go makes its write fail.
    await mkdir(join(dataDir, 'snapshots', '1.json'));
    const failed = await callApi(emulator, create, { method: 'POST', body: valid });
    expect(failed.status).toBe(500);
    expect(emulator.getSnapshot('1')).toBeUndefined();
    expect((await callApi(emulator, 'organizations/acme/preprodartifacts/snapshots/1/')).status).toBe(404);
    const index = await fetch(`${emulator.url}/`);
    expect(await index.text()).not.toContain('/preprod/snapshots/1/');

    await rm(join(dataDir, 'snapshots', '1.json'), { recursive: true });
    const created = await callApi(emulator, create, { method: 'POST', body: valid });
    expect(created).toMatchObject({ status: 200, json: { artifactId: '1', snapshotMetricsId: '1000' } });
    await emulator.close();
    const restarted = await useEmulator({ dataDir });
    expect(restarted.getSnapshot('1')?.manifest).toEqual(valid);
    const next = await callApi(restarted, create, { method: 'POST', body: valid });
    expect(next).toMatchObject({ status: 200, json: { artifactId: '2' } });
  });
});
