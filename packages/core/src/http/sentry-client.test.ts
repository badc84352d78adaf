import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startLoopbackProxy } from '@sentry-snapshots/test-kit/loopback-proxy';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { afterEach, describe, expect, it } from 'vitest';
import { isSnapshotsError, type SnapshotsError } from '../errors.js';
import type { SnapshotManifest } from '../schemas/index.js';
import { userAgent } from '../version.js';
import {
  createTestWorld,
  type LoopbackServer,
  sendJson,
  startLoopbackServer,
} from './loopback-server.testing.js';
import { createSentryClient, type SentryClientOptions } from './sentry-client.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handle: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handle);
  servers.push(server);
  return server;
}

function clientFor(
  server: LoopbackServer,
  options: Partial<SentryClientOptions> = {},
  world = createTestWorld(),
) {
  return {
    world,
    client: createSentryClient(
      { url: `${server.url}/`, authToken: 'sntrys_token', zstd: false, ...options },
      world,
    ),
  };
}

async function failure(promise: Promise<unknown>): Promise<SnapshotsError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isSnapshotsError(error)) throw new Error(`expected a SnapshotsError, got ${String(error)}`);
  return error;
}

const organization = { id: '1', slug: 'acme', name: 'Acme' };
const uploadOptions = {
  objectstore: {
    url: 'https://os.example/api/0/organizations/1/objectstore/',
    scopes: [
      ['org', '1'],
      ['project', 2],
    ],
    authToken: 'jwt',
    expirationPolicy: 'tti:30d',
  },
};
const manifest: SnapshotManifest = {
  app_id: 'web',
  images: { 'home.png': { content_hash: 'a'.repeat(64), width: 10, height: 20 } },
};
const created = { artifactId: 42, snapshotMetricsId: '7', imageCount: 1, snapshotUrl: null };

describe('createSentryClient', () => {
  it('sends the user agent, custom headers and the bearer token, and parses the answer', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, organization));
    const { client } = clientFor(server, { headers: { 'X-Team': 'web', Authorization: 'Basic nope' } });

    await expect(client.getOrganization('acme')).resolves.toMatchObject({ id: '1', slug: 'acme' });

    const [request] = server.requests;
    expect(request?.url).toBe('/api/0/organizations/acme/');
    expect(request?.headers['user-agent']).toBe(userAgent);
    expect(request?.headers['x-team']).toBe('web');
    expect(request?.headers.authorization).toBe('Bearer sntrys_token');
    expect(client.stats.requests).toBe(1);
  });

  it('waits as long as Retry-After says, in seconds or as a date, then succeeds', async () => {
    let calls = 0;
    const world = createTestWorld();
    const server = await serve((_request, response) => {
      calls++;
      if (calls === 1) return sendJson(response, 429, { detail: 'slow down' }, { 'retry-after': '3' });
      if (calls === 2) {
        const date = new Date(world.clock.now() + 7000).toUTCString();
        return sendJson(response, 503, { detail: 'busy' }, { 'retry-after': date });
      }
      return sendJson(response, 200, organization);
    });
    const { client } = clientFor(server, {}, world);

    await expect(client.getOrganization('acme')).resolves.toMatchObject({ slug: 'acme' });
    expect(world.clock.sleeps).toEqual([3000, 7000]);
    expect(server.requests).toHaveLength(3);
  });

  it('backs off with jitter on 5xx, and reports SERVER_ERROR once retries run out', async () => {
    const server = await serve((_request, response) => sendJson(response, 502, { detail: 'bad gateway' }));
    const { client, world } = clientFor(server, { maxRetries: 3 });

    const error = await failure(client.getOrganization('acme'));
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.status).toBe(502);
    expect(server.requests).toHaveLength(4);
    expect(world.clock.sleeps).toHaveLength(3);
    world.clock.sleeps.forEach((ms, attempt) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(500 * 2 ** attempt);
    });
  });

  it('takes the number of retries from SENTRY_HTTP_MAX_RETRIES, under an explicit one', async () => {
    const server = await serve((_request, response) => sendJson(response, 502, { detail: 'bad gateway' }));
    const fromEnv = clientFor(server, {}, createTestWorld({ env: { SENTRY_HTTP_MAX_RETRIES: '1' } }));
    expect((await failure(fromEnv.client.getOrganization('acme'))).code).toBe('SERVER_ERROR');
    expect(server.requests).toHaveLength(2);
    const explicit = clientFor(
      server,
      { maxRetries: 0 },
      createTestWorld({ env: { SENTRY_HTTP_MAX_RETRIES: '3' } }),
    );
    await failure(explicit.client.getOrganization('acme'));
    expect(server.requests).toHaveLength(3);
  });

  it('refuses a SENTRY_HTTP_MAX_RETRIES that is not a whole number', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, organization));
    expect(() =>
      clientFor(server, {}, createTestWorld({ env: { SENTRY_HTTP_MAX_RETRIES: 'many' } })),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG_VALUE',
        message: "SENTRY_HTTP_MAX_RETRIES must be a whole number of retries, not 'many'.",
      }),
    );
  });

  it('reports RATE_LIMITED when 429 outlasts the retries, bounding a huge Retry-After', async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 429, { detail: 'too frequently' }, { 'retry-after': '86400' }),
    );
    const { client, world } = clientFor(server, { maxRetries: 1 });

    const error = await failure(client.getOrganization('acme'));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain('too frequently');
    expect(world.clock.sleeps).toEqual([60_000]);
  });

  it('retries a connection that the server resets, then succeeds', async () => {
    let calls = 0;
    const server = await serve((_request, response, incoming) => {
      calls++;
      if (calls <= 2) return void incoming.socket.destroy();
      sendJson(response, 200, organization);
    });
    const { client } = clientFor(server);

    await expect(client.getOrganization('acme')).resolves.toMatchObject({ slug: 'acme' });
    expect(server.requests).toHaveLength(3);
  });

  it('reports NETWORK_ERROR naming the host when nothing listens', async () => {
    const server = await serve(() => undefined);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const { client, world } = clientFor(server, { maxRetries: 2 });

    const error = await failure(client.getOrganization('acme'));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain(new URL(server.url).host);
    expect(error.details).toMatchObject({ cause: 'ECONNREFUSED' });
    expect(error.hint).toContain('HTTPS_PROXY');
    expect(world.clock.sleeps).toHaveLength(2);
  });

  it('reports TIMEOUT when the headers do not come in time', async () => {
    const server = await serve(() => undefined);
    const { client } = clientFor(server, { timeoutMs: 50, maxRetries: 1 });

    const error = await failure(client.getOrganization('acme'));
    expect(error.code).toBe('TIMEOUT');
    expect(server.requests).toHaveLength(2);
  });

  it('reports ABORTED when the world signal aborts', async () => {
    const controller = new AbortController();
    const server = await serve(() => controller.abort(new Error('user pressed ctrl-c')));
    const { client } = clientFor(server, {}, createTestWorld({ signal: controller.signal }));

    const error = await failure(client.getOrganization('acme'));
    expect(error.code).toBe('ABORTED');
    expect(server.requests).toHaveLength(1);
  });

  it('maps 401, 403, 404 and other 4xx to their codes with the server detail', async () => {
    const answers: Record<string, [number, unknown]> = {
      '/api/0/organizations/a/': [401, { detail: 'Invalid token' }],
      '/api/0/organizations/b/': [403, { detail: 'Feature not enabled' }],
      '/api/0/organizations/c/': [404, { detail: 'The requested resource does not exist' }],
      '/api/0/organizations/d/': [400, { detail: 'Something is off' }],
      '/api/0/organizations/d/preprodartifacts/snapshots/9/': [404, { detail: 'Snapshot not found' }],
    };
    const server = await serve((request, response) => {
      const [status, body] = answers[request.url] ?? [500, {}];
      sendJson(response, status, body);
    });
    const { client } = clientFor(server);

    const unauthorized = await failure(client.getOrganization('a'));
    expect(unauthorized).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    expect(unauthorized).toMatchObject({ option: 'authToken', hint: expect.stringContaining('token') });
    const forbidden = await failure(client.getOrganization('b'));
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(forbidden.message).toContain('Feature not enabled');
    expect(forbidden.hint).toContain('org:ci');
    const notFound = await failure(client.getOrganization('c'));
    expect(notFound.code).toBe('NOT_FOUND');
    expect(notFound.message).toContain("'c'");
    expect(await failure(client.getOrganization('d'))).toMatchObject({
      code: 'API_ERROR',
      message: 'Something is off',
    });
    expect(await failure(client.getSnapshot('d', '9'))).toMatchObject({ code: 'SNAPSHOT_NOT_FOUND' });
    expect(server.requests).toHaveLength(5);
  });

  it('does not follow the 302 of a renamed project and names the new slug', async () => {
    const server = await serve((_request, response) =>
      sendJson(
        response,
        302,
        {
          slug: 'web-app',
          detail: {
            extra: { url: '/api/0/projects/acme/web-app/preprodartifacts/snapshots/', slug: 'web-app' },
          },
        },
        { location: '/api/0/projects/acme/web-app/preprodartifacts/snapshots/' },
      ),
    );
    const { client } = clientFor(server);

    const error = await failure(client.createSnapshot('acme', 'web', manifest));
    expect(error.code).toBe('PROJECT_RENAMED');
    expect(error.message).toContain("'web-app'");
    expect(error.details).toMatchObject({ org: 'acme', project: 'web', newSlug: 'web-app' });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a renamed project whose new slug is not a slug, without printing it', async () => {
    const slug = '\u001b]8;;https://evil.example\u0007web';
    const server = await serve((_request, response) =>
      sendJson(response, 302, { slug, detail: { extra: { slug } } }, { location: '/elsewhere' }),
    );
    const { client } = clientFor(server);

    const error = await failure(client.createSnapshot('acme', 'web', manifest));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', status: 302 });
    expect(JSON.stringify(error)).not.toContain('evil');
    expect(server.requests).toHaveLength(1);
  });

  it('asks for upload options with usecase=auto, then without it on an older server', async () => {
    const server = await serve((request, response) => {
      if (request.url.includes('usecase=auto')) return sendJson(response, 400, { detail: 'Invalid usecase' });
      sendJson(response, 200, uploadOptions);
    });
    const { client } = clientFor(server);

    const options = await client.getUploadOptions('acme', 'web');
    expect(options).toEqual({
      url: 'https://os.example/api/0/organizations/1/objectstore',
      usecase: 'preprod',
      scopes: [
        ['org', '1'],
        ['project', '2'],
      ],
      authToken: 'jwt',
      expirationPolicy: 'tti:30d',
    });
    expect(server.requests.map((request) => request.url)).toEqual([
      '/api/0/projects/acme/web/preprodartifacts/snapshots/upload-options/?usecase=auto',
      '/api/0/projects/acme/web/preprodartifacts/snapshots/upload-options/',
    ]);
  });

  it('reports INVALID_RESPONSE for an answer that does not fit the API', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, { objectstore: { url: 3 } }));
    const { client } = clientFor(server);

    expect(await failure(client.getUploadOptions('acme', 'web'))).toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('posts the manifest as JSON and returns the created snapshot', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, created));
    const { client } = clientFor(server);

    await expect(client.createSnapshot('acme', 'web', manifest)).resolves.toEqual({
      artifactId: '42',
      snapshotMetricsId: '7',
      imageCount: 1,
      snapshotUrl: null,
    });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/0/projects/acme/web/preprodartifacts/snapshots/');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(request?.body.toString() ?? '')).toEqual(manifest);
    expect(client.stats.bytesSent).toBe(request?.body.byteLength);
  });

  it.each([
    [null, 'null'],
    [true, 'true'],
    [[], '[]'],
    [{}, '{}'],
    ['12 ', '"12 "'],
  ])(
    'refuses a created snapshot whose artifactId is %j instead of coercing it',
    async (artifactId, shown) => {
      const server = await serve((_request, response) => sendJson(response, 200, { ...created, artifactId }));
      const { client } = clientFor(server);

      expect(await failure(client.createSnapshot('acme', 'web', manifest))).toMatchObject({
        code: 'INVALID_RESPONSE',
        message: `Sentry's answer to the request to create a snapshot in acme/web has an artifact id that is not a number: ${shown} (artifactId).`,
      });
    },
  );

  it('refuses a redirect where Sentry never answers with one, without following it', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/elsewhere') return sendJson(response, 200, { id: 1, image_count: 0, images: [] });
      sendJson(
        response,
        302,
        { slug: 'new', detail: { extra: { slug: 'new' } } },
        { location: '/elsewhere' },
      );
    });
    const { client } = clientFor(server);

    expect(await failure(client.getLatestBase('acme', { appId: 'web', project: 'web' }))).toMatchObject({
      code: 'INVALID_RESPONSE',
      status: 302,
    });
    expect(await failure(client.getArchiveStatus('acme', '1'))).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(await failure(client.startArchive('acme', '1'))).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(server.requests.map((request) => request.url)).not.toContain('/elsewhere');
  });

  it('refuses a manifest the server would refuse, without sending it', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, created));
    const { client } = clientFor(server);

    const error = await failure(client.createSnapshot('acme', 'web', { ...manifest, diff_threshold: 1 }));
    expect(error.code).toBe('INVALID_MANIFEST');
    expect(server.requests).toHaveLength(0);
  });

  it('falls back to plain JSON when the server cannot read zstd, and remembers it', async () => {
    const server = await serve((request, response) => {
      if (request.headers['content-encoding'] === 'zstd')
        return sendJson(response, 400, { detail: 'Invalid json body' });
      sendJson(response, 200, created);
    });
    // Node 20 has no zstd; a stand-in compressor shows the wire behaviour.
    const zstd = async (data: Uint8Array) => Buffer.concat([Buffer.from('ZSTD'), data]);
    const { client } = clientFor(server, { zstd });

    await client.createSnapshot('acme', 'web', manifest);
    await client.createSnapshot('acme', 'web', manifest);

    expect(server.requests.map((request) => request.headers['content-encoding'] ?? 'identity')).toEqual([
      'zstd',
      'identity',
      'identity',
    ]);
    expect(server.requests[0]?.body.subarray(0, 4).toString()).toBe('ZSTD');
    expect(JSON.parse(server.requests[1]?.body.toString() ?? '')).toEqual(manifest);
  });

  it('retries the create POST on 503 and a reset connection, but not on 500', async () => {
    let calls = 0;
    const server = await serve((_request, response, incoming) => {
      calls++;
      if (calls === 1) return sendJson(response, 503, { detail: 'unavailable' });
      if (calls === 2) return void incoming.socket.destroy();
      if (calls === 3) return sendJson(response, 200, created);
      sendJson(response, 500, { detail: 'boom' });
    });
    const { client } = clientFor(server);

    await expect(client.createSnapshot('acme', 'web', manifest)).resolves.toMatchObject({ artifactId: '42' });
    expect(server.requests).toHaveLength(3);
    expect(await failure(client.createSnapshot('acme', 'web', manifest))).toMatchObject({
      code: 'SERVER_ERROR',
      status: 500,
    });
    expect(server.requests).toHaveLength(4);
  });

  it('does not resend the create POST when the answer times out', async () => {
    const server = await serve(() => undefined);
    const { client } = clientFor(server, { timeoutMs: 50 });

    expect(await failure(client.createSnapshot('acme', 'web', manifest))).toMatchObject({ code: 'TIMEOUT' });
    expect(server.requests).toHaveLength(1);
  });

  it('reads the latest base (accepting `id`) and answers undefined on 404', async () => {
    const server = await serve((request, response) => {
      if (request.url.includes('app_id=none')) return sendJson(response, 404, { detail: 'Not found' });
      sendJson(response, 200, { id: 5, image_count: 0, images: [] });
    });
    const { client } = clientFor(server);

    await expect(
      client.getLatestBase('acme', { appId: 'web', branch: 'main', project: 'web' }),
    ).resolves.toMatchObject({
      head_artifact_id: '5',
    });
    await expect(client.getLatestBase('acme', { appId: 'none' })).resolves.toBeUndefined();
    expect(server.requests[0]?.url).toBe(
      '/api/0/organizations/acme/preprodartifacts/snapshots/latest-base/?app_id=web&branch=main&project=web',
    );
  });

  it('reads the archive status, starts it, and downloads the zip to a file', async () => {
    let ready = false;
    const zip = Buffer.from('PK\u0003\u0004 not really a zip');
    const server = await serve((request, response) => {
      if (request.method === 'POST') {
        ready = true;
        return sendJson(response, 202, {});
      }
      if (request.url.endsWith('?download')) {
        if (!ready) return sendJson(response, 409, { detail: 'Archive not ready' });
        response.writeHead(200, { 'content-type': 'application/zip' });
        return void response.end(zip);
      }
      sendJson(response, 200, { ready });
    });
    const dir = await makeTempDir('archive-');
    const { client } = clientFor(server, {}, createTestWorld({ cwd: dir }));

    await expect(client.getArchiveStatus('acme', '42')).resolves.toEqual({ ready: false });
    expect(await failure(client.downloadArchive('acme', '42', 'images.zip'))).toMatchObject({
      code: 'ARCHIVE_NOT_READY',
    });
    await expect(stat(join(dir, 'images.zip.partial'))).rejects.toThrow();
    await client.startArchive('acme', '42');
    await expect(client.downloadArchive('acme', '42', 'images.zip')).resolves.toEqual({
      bytes: zip.byteLength,
    });
    expect(await readFile(join(dir, 'images.zip'))).toEqual(zip);
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await expect(client.downloadArchive('acme', '42', sink)).resolves.toEqual({ bytes: zip.byteLength });
    expect(Buffer.concat(chunks)).toEqual(zip);
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/',
      'GET /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/?download',
      'POST /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/',
      'GET /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/?download',
      'GET /api/0/organizations/acme/preprodartifacts/snapshots/42/archive/?download',
    ]);
  });

  it('refuses a Sentry URL that is not http(s)', () => {
    expect(() => createSentryClient({ url: 'sentry.io', authToken: 't' }, createTestWorld())).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });

  it("goes through the proxy of the world's env when the world brings no dispatcher", async () => {
    const server = await serve((_request, response) => sendJson(response, 200, organization));
    const proxy = await startLoopbackProxy();
    const { client } = clientFor(
      server,
      {},
      createTestWorld({ env: { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: proxy.url } }),
    );

    await expect(client.getOrganization('acme')).resolves.toMatchObject({ slug: 'acme' });
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await proxy.close();
    expect(proxy.seen).toEqual([new URL(server.url).host]);
  });
});
