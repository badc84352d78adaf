import { createHash } from 'node:crypto';
import { ArchiveStatusSchema, LatestBaseSchema, SnapshotDetailSchema } from '@sentry-snapshots/core/contract';
import { encodePng } from '@sentry-snapshots/test-kit/images';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { callApi, commitSha, useEmulator } from './emulator-fixture.js';

const create = 'projects/acme/web/preprodartifacts/snapshots/';
const snapshots = 'organizations/acme/preprodartifacts/snapshots';

/** Stores the bytes through the object store, as a client would, and answers their image metadata. */
async function storeImage(emulator: Emulator, bytes: Buffer) {
  const { json } = await callApi(emulator, `${create}upload-options/`);
  const { url, usecase, scopes, authToken } = (
    json as { objectstore: { url: string; usecase: string; scopes: string[][]; authToken: string } }
  ).objectstore;
  const hash = createHash('sha256').update(bytes).digest('hex');
  const scope = scopes.map(([name, value]) => `${name}=${value}`).join(';');
  const key = `${scopes[0]?.[1]}/${scopes[1]?.[1]}/${hash}`;
  const put = await fetch(`${url}/v1/objects/${usecase}/${scope}/${key}`, {
    method: 'PUT',
    headers: { 'x-os-auth': `Bearer ${authToken}` },
    body: bytes,
  });
  expect(put.status).toBe(200);
  return { content_hash: hash, width: 8, height: 6 };
}

async function createSnapshot(emulator: Emulator, manifest: Record<string, unknown>): Promise<string> {
  const { status, json } = await callApi(emulator, create, { method: 'POST', body: manifest });
  expect(status).toBe(200);
  return (json as { artifactId: string }).artifactId;
}

describe('GET organizations/{org}/preprodartifacts/snapshots/{id}/', () => {
  it('describes a solo snapshot in snake_case with its images', async () => {
    const emulator = await useEmulator();
    const id = await createSnapshot(emulator, {
      app_id: 'app',
      diff_threshold: 0.1,
      images: {
        'a/home.png': {
          content_hash: 'h1',
          width: 3,
          height: 4,
          display_name: 'Home',
          tags: ['dark'],
          context: { x: 1 },
        },
      },
    });
    const { status, json } = await callApi(emulator, `${snapshots}/${id}/`);
    expect(status).toBe(200);
    expect(SnapshotDetailSchema.safeParse(json).success).toBe(true);
    expect(json).toMatchObject({
      head_artifact_id: id,
      base_artifact_id: null,
      project_id: '100',
      app_id: 'app',
      image_count: 1,
      is_selective: false,
      diff_threshold: 0.1,
      comparison_type: 'solo',
      comparison_state: null,
      vcs_info: { head_sha: null, base_sha: null, pr_number: null },
      added: [],
      changed_count: 0,
      approval_status: null,
      images: [
        {
          key: 'h1',
          image_file_name: 'a/home.png',
          display_name: 'Home',
          group: null,
          width: 3,
          height: 4,
          diff_threshold: null,
          description: null,
          tags: { dark: 'dark' },
          context: { x: 1 },
        },
      ],
    });
  });

  it('reports waiting_for_base for a head with base_sha and base_repo_name', async () => {
    const emulator = await useEmulator();
    const id = await createSnapshot(emulator, {
      app_id: 'app',
      images: {},
      base_sha: commitSha('b'),
      base_repo_name: 'o/r',
    });
    const { json } = await callApi(emulator, `${snapshots}/${id}/`);
    expect(json).toMatchObject({ comparison_type: 'waiting_for_base', comparison_state: 'waiting_for_base' });
  });

  it('404 Snapshot not found for an unknown id or another organization', async () => {
    const emulator = await useEmulator();
    const id = await createSnapshot(emulator, { app_id: 'app', images: {} });
    const notFound = { status: 404, json: { detail: 'Snapshot not found' } };
    expect(await callApi(emulator, `${snapshots}/999/`)).toMatchObject(notFound);
    expect(await callApi(emulator, `${snapshots}/abc/`)).toMatchObject(notFound);
    expect(await callApi(emulator, `organizations/other/preprodartifacts/snapshots/${id}/`)).toMatchObject(
      notFound,
    );
  });
});

describe('GET …/snapshots/latest-base/', () => {
  it('answers the newest snapshot uploaded without base_sha, filtered by app, branch and project', async () => {
    const emulator = await useEmulator();
    const bytes = encodePng({ width: 8, height: 6, seed: 3 });
    const image = await storeImage(emulator, bytes);
    const mainId = await createSnapshot(emulator, {
      app_id: 'app',
      head_ref: 'main',
      images: { 'x.png': image },
    });
    await createSnapshot(emulator, { app_id: 'app', head_ref: 'dev', images: {} });
    await createSnapshot(emulator, { app_id: 'app', base_sha: commitSha('c'), images: {} });
    await createSnapshot(emulator, { app_id: 'other', images: {} });

    const newest = await callApi(emulator, `${snapshots}/latest-base/?app_id=app`);
    expect(newest.json).toMatchObject({ head_artifact_id: '2', vcs_info: { head_ref: 'dev' } });
    const main = await callApi(emulator, `${snapshots}/latest-base/?app_id=app&branch=main&project=web`);
    expect(main.status).toBe(200);
    expect(LatestBaseSchema.parse(main.json).head_artifact_id).toBe(mainId);
    expect(main.json).toMatchObject({
      head_artifact_id: mainId,
      image_count: 1,
      images: [{ image_file_name: 'x.png' }],
    });
    const imageUrl = (main.json as { images: { image_url: string }[] }).images[0]?.image_url ?? '';
    const fetched = await fetch(imageUrl);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(bytes);

    expect((await callApi(emulator, `${snapshots}/latest-base/?app_id=none`)).status).toBe(404);
    expect((await callApi(emulator, `${snapshots}/latest-base/`)).status).toBe(400);
  });
});

describe('archive and page', () => {
  it('GET says not ready, download is 409, POST builds it, then the zip holds every image', async () => {
    const emulator = await useEmulator();
    const png = encodePng({ width: 8, height: 6, seed: 1 });
    const image = await storeImage(emulator, png);
    const id = await createSnapshot(emulator, {
      app_id: 'app',
      images: { 'a/one.png': image, 'two.png': image },
    });
    const archive = `${snapshots}/${id}/archive/`;
    const before = await callApi(emulator, archive);
    expect(ArchiveStatusSchema.parse(before.json)).toEqual({ ready: false });
    expect((await callApi(emulator, `${archive}?download`)).status).toBe(409);
    expect((await callApi(emulator, archive, { method: 'POST' })).status).toBe(202);
    await expect.poll(async () => (await callApi(emulator, archive)).json).toEqual({ ready: true });
    const download = await fetch(`${emulator.url}/api/0/${archive}?download`, {
      headers: { authorization: `Bearer ${emulator.token}` },
    });
    expect(download.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['a/one.png', 'two.png']);
    expect(Buffer.from(files['two.png'] ?? [])).toEqual(png);
  });

  it('serves an HTML page at snapshotUrl listing the images', async () => {
    const emulator = await useEmulator();
    const { json } = await callApi(emulator, create, {
      method: 'POST',
      body: {
        app_id: 'app',
        images: { 'home.png': { content_hash: 'h', width: 1, height: 1, display_name: '<b>' } },
      },
    });
    const page = await fetch((json as { snapshotUrl: string }).snapshotUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('/preprodartifacts/snapshots/1/images/h/');
    expect(html).toContain('&#60;b&#62;');
  });
});
