import { once } from 'node:events';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { runCli, spawnCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { buildZip } from '@sentry-snapshots/test-kit/zip-fixture';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

/** A server that answers the snapshot API the way a test wants, recording `METHOD url` of each request. */
interface HostileSentry {
  url: string;
  requests: string[];
  env: Record<string, string>;
}

type Answer = (url: string, method: string, response: ServerResponse) => void | Promise<void>;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function startHostileSentry(answer: Answer): Promise<HostileSentry> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const url = request.url ?? '';
    requests.push(`${request.method} ${url}`);
    void answer(url, request.method ?? '', response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, env: { SENTRY_URL: url, SENTRY_AUTH_TOKEN: 'sntrys_hostile', SENTRY_ORG: 'acme' } };
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const images = buildZip([
  { name: 'home.png', data: 'home bytes' },
  { name: 'settings/profile.png', data: 'profile bytes' },
]);

/** Base snapshot 42 of app `web`, archive ready; its bytes are `zip` unless `download` answers instead. */
function sentry42(options: { zip?: Buffer; latestBase?: unknown; download?: Answer } = {}): Answer {
  return (url, method, response) => {
    if (url.includes('/latest-base/')) {
      return sendJson(response, 200, options.latestBase ?? { id: 42, image_count: 2, images: [] });
    }
    if (url.endsWith('/archive/?download')) {
      if (options.download) return options.download(url, method, response);
      response.writeHead(200, { 'content-type': 'application/zip' });
      return void response.end(options.zip ?? images);
    }
    // Any id's archive is ready, so that a client that would take a bad id goes on to write it.
    if (url.endsWith('/archive/')) return sendJson(response, 200, { ready: true });
    sendJson(response, 404, { detail: 'Snapshot not found' });
  };
}

/** Every file under `dir` with its content, by relative path. */
async function readTree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const tree: Record<string, string> = {};
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    tree[path.slice(dir.length + 1)] = entry.isFile() ? await readFile(path, 'utf8') : '(folder)';
  }
  return tree;
}

const errorOf = (stdout: string) => JSON.parse(stdout).error;

describe('download from a hostile server', () => {
  it('never writes outside its output folder, whatever id the latest base names (exit 40)', async () => {
    const server = await startHostileSentry(
      sentry42({
        latestBase: { head_artifact_id: '/../../../x', image_count: 1, images: [] },
        zip: Buffer.from('not a zip, but it would overwrite x.zip'),
      }),
    );
    const root = await makeTempDir();
    const cwd = join(root, 'a/b/c');
    await mkdir(cwd, { recursive: true });
    for (const dir of ['', 'a', 'a/b', 'a/b/c']) await writeFile(join(root, dir, 'x.zip'), `precious ${dir}`);
    const before = await readTree(root);

    const run = await runCli(['download', '--app-id', 'web', '--json'], { env: server.env, cwd });
    // Nothing outside the (default) output folder changed or appeared, and the folder holds nothing.
    const after = await readTree(root);
    expect(
      Object.fromEntries(Object.entries(after).filter(([path]) => !path.startsWith('a/b/c/snapshots-base'))),
    ).toEqual(before);
    expect(Object.keys(after).filter((path) => path.startsWith('a/b/c/snapshots-base/'))).toEqual([]);
    expect(run.code, run.stderr).toBe(40);
    expect(errorOf(run.stdout)).toMatchObject({
      code: 'INVALID_RESPONSE',
      message:
        "Sentry's answer to the request to find the latest base snapshot of 'web' has an artifact id that is not a number: \"/../../../x\" (head_artifact_id).",
    });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [
      ['download', '--snapshot-id', '../1'],
      'Invalid --snapshot-id "../1": must be a snapshot artifact id (digits)',
    ],
    [
      ['download', '--snapshot-id', '1/../2'],
      'Invalid --snapshot-id "1/../2": must be a snapshot artifact id (digits)',
    ],
    [['status', '12?x=1'], 'Invalid <artifact-id> "12?x=1": must be a snapshot artifact id (digits)'],
    [
      ['status', '\u001b[31mred'],
      'Invalid <artifact-id> "\\u001b[31mred": must be a snapshot artifact id (digits)',
    ],
  ])('refuses %j before any request (exit 10)', async (args, message) => {
    const server = await startHostileSentry(sentry42());
    const cwd = await makeTempDir();
    const run = await runCli(args, { env: server.env, cwd });
    expect(run.code, run.stderr).toBe(10);
    expect(run.stderr).toContain(`error: ${message}`);
    expect(server.requests).toEqual([]);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('reports a zip holding both x and x/y.png as an unsafe archive (exit 40), not as a cleanup failure', async () => {
    const server = await startHostileSentry(
      sentry42({
        zip: buildZip([
          { name: 'x', data: 'a file' },
          { name: 'x/y.png', data: 'a png' },
        ]),
      }),
    );
    const output = await makeTempDir();
    const run = await runCli(['download', '--snapshot-id', '42', '--output', output], { env: server.env });
    expect(run.code, run.stderr).toBe(40);
    expect(run.stderr).toContain('error: The archive holds both a file and a folder named "x".');
    expect(run.stderr).not.toContain('unexpected');
    expect(await readdir(output)).toEqual([]);
  });

  it.each(['not a url', 'http://[bad', 'proxy.example.com:3128'])(
    'reports HTTP_PROXY=%j as a configuration error naming it (exit 11)',
    async (proxy) => {
      const server = await startHostileSentry(sentry42());
      const output = await makeTempDir();
      const run = await runCli(['download', '--snapshot-id', '42', '--output', output, '--json'], {
        env: { ...server.env, HTTP_PROXY: proxy },
      });
      expect(run.code, run.stderr).toBe(11);
      expect(errorOf(run.stdout)).toMatchObject({
        code: 'INVALID_CONFIG_VALUE',
        message: 'HTTP_PROXY is not an http(s) proxy URL.',
      });
      expect(server.requests).toEqual([]);
    },
  );

  it('clears the working folder that a kill -9 left, on the next run', async () => {
    let stall = true;
    const server = await startHostileSentry(
      sentry42({
        download: (_url, _method, response) => {
          response.writeHead(200, { 'content-type': 'application/zip' });
          // Half the archive, then nothing until the process is killed.
          if (stall) response.write(images.subarray(0, 20));
          else response.end(images);
        },
      }),
    );
    const output = await makeTempDir();
    const args = ['download', '--snapshot-id', '42', '--output', output];
    const killed = spawnCli(args, { env: server.env });
    await killed.waitForOutput('Downloading snapshot 42...');
    await vi.waitFor(async () => {
      const [folder] = await readdir(output);
      expect(await readdir(join(output, folder ?? '-'))).toContainEqual(expect.stringMatching(/\.partial$/));
    });
    killed.child.kill('SIGKILL');
    expect((await killed.result).signal).toBe('SIGKILL');
    const left = await readdir(output);
    expect(left).toEqual([expect.stringMatching(/^\.sentry-snapshots-download-/)]);

    stall = false;
    const rerun = await runCli(args, { env: server.env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect((await readdir(output)).sort()).toEqual(['home.png', 'settings']);
  });

  it('says so when it may not write in the output folder (exit 20)', async (context) => {
    // Root writes anywhere: run the CLI as an unprivileged user then, if that user can run it here.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    if (user && (await runCli(['--version'], { user })).code !== 0) {
      context.skip('running as root, and user 65534 cannot run the built CLI from this checkout');
    }
    const server = await startHostileSentry(sentry42());
    const root = await makeTempDir();
    await chmod(root, 0o755);
    await mkdir(join(root, 'locked'), { mode: 0o555 });
    const run = await runCli(['download', '--snapshot-id', '42', '--output', 'locked', '--json'], {
      env: server.env,
      cwd: root,
      ...(user ? { user } : {}),
    });
    expect(run.code, run.stderr).toBe(20);
    expect(errorOf(run.stdout)).toMatchObject({
      code: 'OUTPUT_UNWRITABLE',
      message: `Cannot create a folder in ${join(root, 'locked')} (EACCES).`,
    });
  });

  it('reports a 302 on the archive download as an unexpected answer (exit 40), and does not follow it', async () => {
    const server = await startHostileSentry(
      sentry42({
        download: (_url, _method, response) =>
          sendJson(
            response,
            302,
            { slug: 'new', detail: { extra: { slug: 'new' } } },
            { location: '/elsewhere' },
          ),
      }),
    );
    const output = await makeTempDir();
    const run = await runCli(['download', '--snapshot-id', '42', '--output', output, '--json'], {
      env: server.env,
    });
    expect(run.code, run.stderr).toBe(40);
    expect(errorOf(run.stdout)).toMatchObject({
      code: 'INVALID_RESPONSE',
      status: 302,
      message:
        "Sentry answered 302, a redirect, to the request to download the archive of snapshot '42'; the API does not redirect there, so it was not followed.",
    });
    expect(run.stderr).not.toContain('renamed');
    expect(server.requests.filter((request) => request.includes('/elsewhere'))).toEqual([]);
    expect(await readdir(output)).toEqual([]);
  });
});

describe('upload whose create answer is not what the API says', () => {
  const testbed = useTestEmulator(startEmulator);
  const folder = () => join(testbed.dir, 'images');

  beforeAll(async () => {
    await writePng(join(folder(), 'a.png'), { width: 4, height: 4, seed: 5 });
  });

  const answerCreate = (artifactId: unknown) =>
    testbed.emulator.faults.inject({
      method: 'POST',
      path: /\/preprodartifacts\/snapshots\/$/,
      status: 200,
      body: { artifactId, snapshotMetricsId: '1', imageCount: 1, snapshotUrl: null },
      times: 1,
    });

  it.each([
    [null, 'null'],
    [true, 'true'],
    [[], '[]'],
    [{}, '{}'],
  ])('refuses an artifactId of %j (exit 40), and --wait polls nothing', async (artifactId, shown) => {
    answerCreate(artifactId);
    const run = await testbed.cli([
      'upload',
      folder(),
      '--app-id',
      'web',
      '--no-git-metadata',
      '--wait',
      '--json',
    ]);
    testbed.emulator.faults.clear();
    expect(run.code, run.stderr).toBe(40);
    expect(errorOf(run.stdout)).toMatchObject({
      code: 'INVALID_RESPONSE',
      message: `Sentry's answer to the request to create a snapshot in acme/web has an artifact id that is not a number: ${shown} (artifactId).`,
    });
    expect(run.stderr).not.toContain('Waiting for the comparison');
  });

  it('takes an artifactId sent as a JSON number as its digits', async () => {
    answerCreate(123);
    const run = await testbed.cli(['upload', folder(), '--app-id', 'web', '--no-git-metadata', '--json']);
    testbed.emulator.faults.clear();
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).artifactId).toBe('123');
  });
});
