import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startEmulator } from '@sentry-snapshots/emulator';
import { encodePng } from '@sentry-snapshots/test-kit/images';
import { type CliResult, runCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedDetail, image } from '../src/status-details.testing.js';

/** Retitles the terminal, rings its bell, then starts a GitHub workflow command on a line of its own. */
const hostile = '\x1b]0;pwned\x07\n::error::x \u009b2J \u202e';

/** Output that a terminal or a CI log takes as written: no control character but line ends, no `::` line. */
function expectInert(run: CliResult): void {
  for (const text of [run.stdout, run.stderr]) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(text).not.toMatch(/^\s*::/m);
  }
}

const png = (seed: number) => encodePng({ width: 4, height: 4, seed });

describe('text from a hostile server', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const body = request.url?.includes('/preprodartifacts/snapshots/9/')
        ? {
            ...changedDetail,
            app_id: `web${hostile}`,
            changed: [{ ...changedDetail.changed[0], head_image: image(`page${hostile}.png`) }],
            changed_count: 1,
            comparison_error_message: hostile,
          }
        : { detail: `Refused${hostile}` };
      response.writeHead(request.url?.includes('/snapshots/9/') ? 200 : 400, {
        'content-type': 'application/json',
      });
      response.end(JSON.stringify(body));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const env = () => ({ SENTRY_URL: url, SENTRY_AUTH_TOKEN: 't', SENTRY_ORG: 'acme', SENTRY_PROJECT: 'web' });

  it('prints an error detail with escape sequences and a workflow command as one escaped line', async () => {
    const folder = await makeTempDir();
    writeFileSync(join(folder, 'a.png'), png(1));
    for (const extra of [[], ['--json'], ['--log-level', 'debug']]) {
      const run = await runCli(['upload', folder, '--app-id', 'web', '--no-git-metadata', ...extra], {
        env: env(),
      });
      expect(run.code, run.stderr).not.toBe(0);
      expect(run.stderr).toContain('Refused\\x1b]0;pwned\\x07\\n::error::x \\x9b2J \\u202e');
      expectInert(run);
    }
  });

  it('shows image names, app and comparison error of a snapshot escaped in the status table', async () => {
    for (const extra of [[], ['--json']]) {
      const run = await runCli(['status', '9', ...extra], { env: env() });
      expect(run.code, run.stderr).toBe(0);
      if (extra.length === 0) expect(run.stdout).toContain('  page\\x1b]0;pwned\\x07\\n::error::x');
      expectInert(run);
    }
  });
});

describe('hostile file names and sidecars', () => {
  const testbed = useTestEmulator(startEmulator);
  const upload = (folder: string, extra: string[] = []) =>
    runCli(['upload', folder, '--app-id', 'web', '--no-git-metadata', ...extra], { env: testbed.env() });
  /** A path whose file name holds bytes that are not UTF-8: only a Buffer path can create it. */
  const bytesPath = (folder: string, name: number[], extension: string) =>
    Buffer.concat([Buffer.from(`${folder}/`), Buffer.from(name), Buffer.from(extension)]);

  it('uploads the rest and warns, escaped, about an image whose name is not UTF-8', async () => {
    const folder = join(testbed.dir, 'not-utf8');
    mkdirSync(folder);
    writeFileSync(join(folder, 'ok.png'), png(2));
    writeFileSync(bytesPath(folder, [0xff, 0x61], '.png'), png(3));
    const run = await upload(folder);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'warning: Skipped \\xffa.png: the file name is not valid UTF-8, so the image cannot be named.',
    );
    expect(run.stdout).toContain('Uploaded a snapshot of 1 image');
  });

  it('names an image with a newline, a workflow command and ESC only escaped in its warning', async () => {
    const folder = join(testbed.dir, 'control-names');
    mkdirSync(folder);
    writeFileSync(join(folder, 'ok.png'), png(4));
    writeFileSync(join(folder, 'x\n::add-mask::y\x1b[2J.png'), 'not a png');
    const run = await upload(folder);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: Skipped x\\n::add-mask::y\\x1b[2J.png: cannot read its width');
    expectInert(run);
  });

  it('refuses a sidecar nested 100,000 levels deep before storing anything, naming it', async () => {
    const folder = join(testbed.dir, 'deep-sidecar');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.png'), png(5));
    writeFileSync(join(folder, 'b.png'), png(6));
    writeFileSync(join(folder, 'b.json'), `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    testbed.emulator.resetStats();
    const run = await upload(folder);
    expect(run.code, run.stderr).toBe(20);
    expect(run.stderr).toContain(`error: The sidecar ${join(folder, 'b.json')} nests deeper than 100 levels`);
    expect(run.stderr).toMatch(/^hint: Flatten the sidecar/m);
    expect(testbed.emulator.stats.objectsStored).toBe(0);
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBeUndefined();
    // At the limit, 100 levels (the object and 99 arrays), the same folder uploads.
    writeFileSync(join(folder, 'b.json'), `{"x":${'['.repeat(99)}${']'.repeat(99)}}`);
    const rerun = await upload(folder);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBe(1);
  });

  it('says which images were skipped and why when none is left to upload', async () => {
    const folder = join(testbed.dir, 'all-skipped');
    mkdirSync(folder);
    writeFileSync(join(folder, 'cut.png'), png(7).subarray(0, 20));
    writeFileSync(bytesPath(folder, [0xfe], '.png'), png(8));
    for (let index = 0; index < 6; index++) writeFileSync(join(folder, `empty-${index}.jpg`), '');
    const run = await upload(folder);
    expect(run.code, run.stderr).toBe(20);
    expect(run.stderr).toContain(
      `error: No PNG or JPEG images to upload in ${folder}: 8 were skipped: \\xfe.png (the file name is not valid UTF-8, so the image cannot be named); cut.png (cannot read its width and height from the header); empty-0.jpg (cannot read its width and height from the header);`,
    );
    expect(run.stderr).toContain('; and 3 more.');
  });
});
