import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZip } from '@sentry-snapshots/test-kit/zip-fixture';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createTestWorld,
  type LoopbackServer,
  type RecordedRequest,
  sendJson,
  startLoopbackServer,
} from '../http/loopback-server.testing.js';
import { downloadSnapshot } from './download-snapshot.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serve(handle: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handle);
  cleanups.push(() => server.close());
  return server;
}

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'download-snapshot-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const zip = buildZip([
  { name: 'home.png', data: 'home bytes' },
  { name: 'settings/profile.png', data: 'profile bytes', deflate: true },
]);

/** A Sentry that has base snapshot 42 of app `web`, whose archive is ready after `pollsUntilReady` status reads. */
function sentry(pollsUntilReady: number) {
  let polls = 0;
  let started = false;
  return (request: RecordedRequest, response: Parameters<typeof sendJson>[0]) => {
    const url = new URL(request.url, 'http://x');
    if (url.pathname.endsWith('/latest-base/')) {
      if (url.searchParams.get('app_id') !== 'web')
        return sendJson(response, 404, { detail: 'No base snapshot found' });
      return sendJson(response, 200, { id: 42, image_count: 2, images: [] });
    }
    if (request.method === 'POST') {
      started = true;
      return sendJson(response, 202, { ready: false });
    }
    if (url.search === '?download') {
      response.writeHead(200, { 'content-type': 'application/zip' });
      return void response.end(zip);
    }
    if (started) polls++;
    return sendJson(response, 200, { ready: polls >= pollsUntilReady });
  };
}

const base = (server: LoopbackServer, output: string) => ({
  url: server.url,
  authToken: 't',
  org: 'acme',
  output,
  timeoutMs: 60_000,
});

describe('downloadSnapshot', () => {
  it('finds the latest base, builds its archive, downloads and extracts it', async () => {
    const server = await serve(sentry(3));
    const dir = await scratch();
    const world = createTestWorld({ cwd: dir });
    const events: string[] = [];
    const result = await downloadSnapshot(
      {
        ...base(server, 'base'),
        appId: 'web',
        branch: 'main',
        project: '7',
        onEvent: (event) => events.push(event.kind),
      },
      world,
    );
    expect(result).toMatchObject({
      artifactId: '42',
      output: join(dir, 'base'),
      files: ['home.png', 'settings/profile.png'],
      bytes: 'home bytes'.length + 'profile bytes'.length,
      archiveBytes: zip.byteLength,
    });
    expect(await readFile(join(dir, 'base/settings/profile.png'), 'utf8')).toBe('profile bytes');
    expect(events).toEqual(['resolving', 'resolved', 'building', 'downloading', 'extracting']);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/0/organizations/acme/preprodartifacts/snapshots/latest-base/?app_id=web&branch=main&project=7',
      'GET /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/',
      'POST /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/',
      'GET /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/',
      'GET /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/',
      'GET /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/',
      'GET /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/?download',
    ]);
    // The zip lived in the output folder only while it was extracted.
    expect((await readdir(dir)).sort()).toEqual(['base']);
    expect((await readdir(join(dir, 'base'))).sort()).toEqual(['home.png', 'settings']);
  });

  it('downloads a ready archive of a given snapshot at once', async () => {
    const server = await serve(sentry(0));
    const dir = await scratch();
    const temp = await scratch();
    await downloadSnapshot(
      { ...base(server, join(dir, 'out')), snapshotId: '42', tempDir: temp },
      createTestWorld(),
    );
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(await readFile(join(dir, 'out/home.png'), 'utf8')).toBe('home bytes');
    expect(await readdir(temp)).toEqual([]);
  });

  it('gives up when the archive is not ready in time', async () => {
    const server = await serve(sentry(Number.POSITIVE_INFINITY));
    const dir = await scratch();
    const world = createTestWorld({ cwd: dir });
    await expect(
      downloadSnapshot({ ...base(server, 'out'), snapshotId: '42', timeoutMs: 10_000 }, world),
    ).rejects.toMatchObject({ code: 'ARCHIVE_NOT_READY', message: expect.stringContaining('after 10 s') });
    expect(world.clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(10_000);
    expect(await readdir(dir)).toEqual([]);
  });

  it('says so when the app has no base snapshot', async () => {
    const server = await serve(sentry(0));
    await expect(
      downloadSnapshot({ ...base(server, 'out'), appId: 'ios', branch: 'dev' }, createTestWorld()),
    ).rejects.toMatchObject({
      code: 'NO_BASE_SNAPSHOT',
      message: "No baseline snapshot found for app 'ios' on branch 'dev'.",
    });
  });

  it.each([
    [{}, 'Exactly one'],
    [{ appId: 'web', snapshotId: '1' }, 'Exactly one'],
    [{ snapshotId: '1', branch: 'main' }, 'A branch can only be given with an app id.'],
    [{ snapshotId: '../1' }, 'Invalid snapshotId "../1": must be a snapshot artifact id (digits)'],
  ])('refuses the options %j before any request', async (given, message) => {
    const server = await serve(sentry(0));
    await expect(
      downloadSnapshot({ ...base(server, 'out'), ...given }, createTestWorld()),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining(message),
    });
    expect(server.requests).toEqual([]);
  });

  it('refuses a latest base whose id is not a number, before any path or further request', async () => {
    const server = await serve((request, response) => {
      if (request.url.includes('/latest-base/')) {
        return sendJson(response, 200, { head_artifact_id: '/../../../x', image_count: 1, images: [] });
      }
      if (request.url.endsWith('?download')) return void response.end('not a zip');
      return sendJson(response, 200, { ready: true });
    });
    const dir = await scratch();
    const cwd = join(dir, 'a/b/c');
    await mkdir(cwd, { recursive: true });
    await expect(
      downloadSnapshot({ ...base(server, 'out'), appId: 'web' }, createTestWorld({ cwd })),
    ).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      message:
        "Sentry's answer to the request to find the latest base snapshot of 'web' has an artifact id that is not a number: \"/../../../x\" (head_artifact_id).",
    });
    expect(server.requests).toHaveLength(1);
    expect(await readdir(dir, { recursive: true })).toEqual(['a', 'a/b', 'a/b/c']);
  });

  it('names the zip itself, clears the working folders of killed runs, and leaves nothing behind', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = await serve(async (request, response) => {
      if (!request.url.endsWith('?download')) return sendJson(response, 200, { ready: true });
      response.writeHead(200, { 'content-type': 'application/zip' });
      response.write(zip.subarray(0, 10));
      await released;
      response.end(zip.subarray(10));
    });
    const output = await scratch();
    const killed = join(output, '.sentry-snapshots-download-killed');
    await mkdir(killed);
    // Above Linux's highest pid (2^22), so no process runs with it.
    await writeFile(join(killed, 'owner.json'), JSON.stringify({ host: hostname(), pid: 2 ** 22 + 1 }));
    const download = downloadSnapshot({ ...base(server, output), snapshotId: '42' }, createTestWorld());
    await vi.waitFor(async () => {
      const folders = (await readdir(output)).filter((name) =>
        name.startsWith('.sentry-snapshots-download-'),
      );
      expect(folders).toHaveLength(1);
      expect((await readdir(join(output, folders[0] ?? ''))).sort()).toEqual([
        'owner.json',
        'snapshot.zip.partial',
      ]);
    });
    release();
    await download;
    expect((await readdir(output)).sort()).toEqual(['home.png', 'settings']);
  });

  it('refuses a redirect of the archive download and does not follow it', async () => {
    const server = await serve((request, response) => {
      if (!request.url.endsWith('?download')) return sendJson(response, 200, { ready: true });
      // The body of a renamed project: a 302 here still does not mean that.
      sendJson(
        response,
        302,
        { slug: 'new', detail: { extra: { slug: 'new' } } },
        { location: '/elsewhere' },
      );
    });
    const output = await scratch();
    await expect(
      downloadSnapshot({ ...base(server, output), snapshotId: '42' }, createTestWorld()),
    ).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      status: 302,
      message:
        "Sentry answered 302, a redirect, to the request to download the archive of snapshot '42'; the API does not redirect there, so it was not followed.",
    });
    expect(server.requests.map((request) => request.url)).not.toContain('/elsewhere');
    expect(await readdir(output)).toEqual([]);
  });
});
