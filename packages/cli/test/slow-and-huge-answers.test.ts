import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodePngHeader, padPngBeforeEnd, writePng } from '@sentry-snapshots/test-kit/images';
import { type CliResult, runCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { afterEach, describe, expect, it } from 'vitest';

/*
 * Servers that misbehave on purpose, against the built CLI as a process: each stuck call must end
 * with TIMEOUT (exit 41) within a generous ceiling, each huge answer with exit 40 while the CLI
 * stays small, and a slow transfer that keeps moving must succeed.
 */

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(handle: Handler): Promise<string> {
  const server = createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface MeasuredRun extends CliResult {
  elapsedMs: number;
  /** Peak resident memory of the CLI process, in bytes. */
  maxRssBytes: number;
}

/** Runs the built CLI with a preload that records its peak RSS on exit (`process.resourceUsage`). */
async function runMeasured(args: string[], env: Record<string, string>, dir: string): Promise<MeasuredRun> {
  const preload = join(dir, 'record-rss.mjs');
  const rssFile = join(dir, 'max-rss');
  await writeFile(
    preload,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS * 1024)));\n`,
  );
  const started = Date.now();
  // A hang is a failure of its own: killed past a minute, far beyond every ceiling below.
  const run = await runCli(args, { cwd: dir, env, nodeArgs: ['--import', pathToFileURL(preload).href] });
  const maxRssBytes = Number(await readFile(rssFile, 'utf8').catch(() => 'NaN'));
  return { ...run, elapsedMs: Date.now() - started, maxRssBytes };
}

async function folderWithImage(): Promise<string> {
  const dir = await makeTempDir();
  await writePng(join(dir, 'images', 'a.png'), { width: 4, height: 4, seed: 3 });
  return dir;
}

const sentryEnv = (url: string): Record<string, string> => ({
  SENTRY_URL: url,
  SENTRY_AUTH_TOKEN: 'token',
  SENTRY_ORG: 'acme',
  SENTRY_PROJECT: 'web',
});

const uploadArgs = (dir: string) => ['upload', join(dir, 'images'), '--app-id', 'web', '--no-git-metadata'];

const MB = 1024 * 1024;

/** Streams `total` bytes in 64 KiB writes as they are taken, stopping when the client goes away. */
function streamHuge(status: number, total: number, sent: { bytes: number }): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const write = () => {
      while (sent.bytes < total && !response.destroyed) {
        sent.bytes += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', write);
      }
      response.end();
    };
    write();
  };
}

describe('a server that holds the CLI', () => {
  it('never answering: exit 41 within seconds, naming the host, the timeout and the setting', async () => {
    const dir = await folderWithImage();
    let requests = 0;
    const url = await serve(() => {
      requests++;
    });
    const run = await runMeasured([...uploadArgs(dir), '--http-timeout', '1'], sentryEnv(url), dir);
    expect(run.code, run.stderr).toBe(41);
    expect(run.stderr).toContain(`error: ${new URL(url).host} sent no answer within 1 s (headers timeout).`);
    expect(run.stderr).toMatch(/^hint: .*--http-timeout.*SENTRY_HTTP_TIMEOUT/m);
    expect(requests).toBe(2);
    expect(run.elapsedMs).toBeLessThan(20_000);
  });

  it('takes the timeout from [http] timeout of .sentryclirc and SENTRY_HTTP_TIMEOUT', async () => {
    const dir = await folderWithImage();
    const url = await serve(() => undefined);
    await writeFile(join(dir, '.sentryclirc'), '[http]\ntimeout = 1\n');
    const fromFile = await runMeasured(['status', '42'], sentryEnv(url), dir);
    expect(fromFile.code, fromFile.stderr).toBe(41);
    expect(fromFile.stderr).toContain('sent no answer within 1 s (headers timeout).');
    // The env wins over the file, as for every other setting.
    const fromEnv = await runMeasured(
      ['status', '42'],
      { ...sentryEnv(url), SENTRY_HTTP_TIMEOUT: '1.5' },
      dir,
    );
    expect(fromEnv.code, fromEnv.stderr).toBe(41);
    expect(fromEnv.stderr).toContain('sent no answer within 1.5 s (headers timeout).');
    expect(fromFile.elapsedMs + fromEnv.elapsedMs).toBeLessThan(30_000);
  });

  it('a bad timeout setting is refused before any request', async () => {
    const dir = await folderWithImage();
    const flag = await runMeasured(
      ['status', '42', '--http-timeout', 'soon'],
      sentryEnv('http://127.0.0.1:9'),
      dir,
    );
    expect(flag.code).toBe(10);
    expect(flag.stderr).toContain(
      'Invalid --http-timeout "soon": must be a duration in seconds, or with a unit: 90s, 10m, 1h',
    );
    const env = await runMeasured(
      ['status', '42'],
      { ...sentryEnv('http://127.0.0.1:9'), SENTRY_HTTP_TIMEOUT: '0' },
      dir,
    );
    expect(env.code).toBe(11);
    expect(env.stderr).toContain(
      "SENTRY_HTTP_TIMEOUT must be a duration above 0 (seconds, or 20s, 1m), not '0'.",
    );
  });

  it('trickling its answer one byte every 3 s: exit 41 on the body timeout', async () => {
    const dir = await folderWithImage();
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{');
      const timer = setInterval(() => response.write(' '), 3_000);
      response.on('close', () => clearInterval(timer));
    });
    const run = await runMeasured(['status', '42', '--http-timeout', '1'], sentryEnv(url), dir);
    expect(run.code, run.stderr).toBe(41);
    expect(run.stderr).toContain('paused its answer for more than 1 s (body timeout).');
    expect(run.elapsedMs).toBeLessThan(20_000);
  });

  it('trickling under the idle timeout: exit 41 once the answer takes two timeouts', async () => {
    const dir = await folderWithImage();
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 300);
      response.on('close', () => clearInterval(timer));
    });
    const run = await runMeasured(['status', '42', '--http-timeout', '1'], sentryEnv(url), dir);
    expect(run.code, run.stderr).toBe(41);
    expect(run.stderr).toContain('did not finish its answer within 2 s of starting it.');
    expect(run.elapsedMs).toBeLessThan(20_000);
  });

  it('stops the whole upload at --upload-timeout with TIMEOUT and the rerun hint', async () => {
    const dir = await folderWithImage();
    const url = await serve(() => undefined);
    const run = await runMeasured([...uploadArgs(dir), '--upload-timeout', '1.5'], sentryEnv(url), dir);
    expect(run.code, run.stderr).toBe(41);
    expect(run.stderr).toContain('error: The upload did not finish within its time limit of 1.5 s.');
    expect(run.stderr).toContain('running the upload again finishes it');
    expect(run.elapsedMs).toBeLessThan(15_000);
  });
});

describe('a server that answers too much', () => {
  it('a 1.5 GB error answer: exit 40 with an excerpt, the CLI stays small and stops the download', async () => {
    const dir = await folderWithImage();
    const sent = { bytes: 0 };
    const url = await serve(streamHuge(400, 1536 * MB, sent));
    const run = await runMeasured(uploadArgs(dir), sentryEnv(url), dir);
    expect(run.code, run.stderr).toBe(40);
    expect(run.stderr).toMatch(/^error: x{200}/m);
    expect(run.maxRssBytes).toBeLessThan(300 * MB);
    expect(sent.bytes).toBeLessThan(256 * MB);
    expect(run.elapsedMs).toBeLessThan(20_000);
  });

  it('a 400 MB success answer: exit 40 (INVALID_RESPONSE) past its bound, the CLI stays small', async () => {
    const dir = await folderWithImage();
    const sent = { bytes: 0 };
    const url = await serve(streamHuge(200, 400 * MB, sent));
    const run = await runMeasured(['status', '42', '--json'], sentryEnv(url), dir);
    expect(run.code, run.stderr).toBe(40);
    const { error } = JSON.parse(run.stdout);
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', details: { maxBytes: 64 * MB } });
    expect(error.message).toContain(`is larger than ${64 * MB} bytes`);
    expect(run.maxRssBytes).toBeLessThan(300 * MB);
    expect(sent.bytes).toBeLessThan(200 * MB);
  });
});

describe('a slow server that keeps moving', () => {
  it('an upload of a 16 MB object read at about 3 MB/s succeeds with --http-timeout 1', async () => {
    const dir = await makeTempDir();
    // A PNG header that declares a small image, then 16 MB of bytes: one object stored by a PUT.
    const payload = Buffer.alloc(16 * MB);
    for (let at = 0; at < payload.length; at += 4) payload.writeUInt32LE((at * 2654435761) >>> 0, at);
    await writeFile(join(dir, 'big.png'), padPngBeforeEnd(encodePngHeader(64, 64), payload));
    let stored = 0;
    let putStarted = 0;
    let putEnded = 0;
    const url = await serve((request, response) => {
      const path = request.url ?? '';
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (path.includes('/upload-options/')) {
        return json(200, {
          objectstore: {
            url: `${url}/os`,
            scopes: [
              ['org', '1'],
              ['project', '2'],
            ],
            authToken: 'jwt',
          },
        });
      }
      if (path.startsWith('/os/v1/objects:batch/')) return json(404, { detail: 'no batch' });
      if (path.startsWith('/os/') && request.method === 'HEAD') return json(404, {});
      if (path.startsWith('/os/') && request.method === 'PUT') {
        putStarted = Date.now();
        request.on('data', (chunk: Buffer) => {
          stored += chunk.length;
          request.pause();
          setTimeout(() => request.resume(), 20);
        });
        request.on('end', () => {
          putEnded = Date.now();
          json(201, { key: 'k' });
        });
        return;
      }
      if (path.includes('/preprodartifacts/snapshots/') && request.method === 'POST') {
        request.resume();
        return request.on('end', () => json(200, { artifactId: '7', snapshotUrl: null }));
      }
      json(404, { detail: 'Not found' });
    });
    const run = await runMeasured(
      ['upload', dir, '--app-id', 'web', '--no-git-metadata', '--http-timeout', '1', '--json'],
      sentryEnv(url),
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ artifactId: '7', objects: { stored: 1 } });
    expect(stored).toBe(payload.length + encodePngHeader(64, 64).length);
    // Far longer than the transfer's two-second wait for its answer: only progress kept it alive.
    expect(putEnded - putStarted).toBeGreaterThan(2_000);
  }, 60_000);
});
