import { readdir, readFile, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { spawnCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const testbed = useTestEmulator(startEmulator);
const env = () => testbed.env({ SENTRY_PROJECT: undefined });
/** A base that never arrives: the emulator keeps the comparison waiting for it. */
const withBase = ['--base-sha', 'b'.repeat(40), '--base-repo-name', 'acme/web'];
let images: string;
/** A snapshot whose comparison waits for its base. */
let waiting: string;

beforeAll(async () => {
  images = join(testbed.dir, 'images');
  await writePng(join(images, 'home.png'), { width: 6, height: 4, seed: 51 });
  await writePng(join(images, 'nested', 'about.png'), { width: 5, height: 5, seed: 52 });
  const run = await testbed.cli([
    'upload',
    images,
    '--app-id',
    'sigint',
    '--no-git-metadata',
    '--json',
    ...withBase,
  ]);
  expect(run.code, run.stderr).toBe(0);
  waiting = JSON.parse(run.stdout).artifactId;
});

afterEach(() => testbed.emulator.faults.clear());

/** Starts the CLI, interrupts it once `marker` is out, and returns how it ended. */
async function interruptAt(
  args: string[],
  marker: string | RegExp,
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
) {
  const cli = spawnCli(args, { env: env(), ...options });
  await cli.waitForOutput(marker);
  cli.child.kill('SIGINT');
  const started = Date.now();
  const run = await cli.result;
  return { ...run, stoppedMs: Date.now() - started };
}

function expectInterrupted(run: { code: number | null; stderr: string; stoppedMs: number }): void {
  expect(run.code, run.stderr).toBe(130);
  expect(run.stderr).not.toContain('unexpected failure');
  expect(run.stderr).toMatch(/^hint: .*again/m);
  // Generous: an interrupt ends the run at once, not after the wait it interrupted.
  expect(run.stoppedMs).toBeLessThan(10_000);
}

describe('Ctrl-C (SIGINT)', () => {
  it('stops `status --wait` with exit 130, saying the comparison goes on', async () => {
    const run = await interruptAt(['status', waiting, '--wait'], 'Waiting for the comparison');
    expectInterrupted(run);
    expect(run.stderr).toMatch(
      new RegExp(`^error: Waiting for the comparison of snapshot ${waiting} was interrupted; `, 'm'),
    );
    expect(run.stderr).toMatch(new RegExp(`^hint: .*${waiting}`, 'm'));
  });

  it('stops `status --wait --json` with the error as JSON and exit 130', async () => {
    const run = await interruptAt(['status', waiting, '--wait', '--json'], 'Waiting for the comparison');
    expectInterrupted(run);
    expect(JSON.parse(run.stdout)).toMatchObject({
      exitCode: 130,
      error: { code: 'ABORTED', family: 'aborted', details: { artifactId: waiting } },
    });
  });

  it('stops a request in flight with exit 130', async () => {
    testbed.emulator.faults.inject({
      method: 'GET',
      path: `/snapshots/${waiting}/`,
      delayMs: 30_000,
      times: 1,
    });
    const cli = spawnCli(['status', waiting, '--wait'], { env: env() });
    while (testbed.emulator.faults.pending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    cli.child.kill('SIGINT');
    const run = await cli.result;
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(/^error: Waiting for the comparison of snapshot \d+ was interrupted; /m);
  });

  it('stops `upload --wait` after the snapshot was created: names it, and only the wait stopped', async () => {
    const run = await interruptAt(
      ['upload', images, '--app-id', 'sigint', '--no-git-metadata', '--wait', ...withBase],
      'Waiting for the comparison',
      { env: testbed.env() },
    );
    expectInterrupted(run);
    const created = /^ {2}snapshot (\d+)$/m.exec(run.stdout)?.[1];
    expect(created, run.stdout).toBeDefined();
    expect(run.stderr).not.toContain('no snapshot was created');
    expect(run.stderr).toMatch(
      new RegExp(
        `^error: Snapshot ${created} was created \\(http://[^)]+\\); only the wait for its comparison was interrupted`,
        'm',
      ),
    );
    expect(run.stderr).toMatch(new RegExp(`^hint: .*sentry-snapshots status ${created} --wait`, 'm'));
  });

  it('stops `download` while the archive is built: exit 130, nothing written', async () => {
    testbed.emulator.faults.inject({
      method: 'GET',
      path: /\/archive\/$/,
      status: 200,
      body: { ready: false },
      times: 1000,
    });
    const cwd = await makeTempDir();
    const run = await interruptAt(['download', '--snapshot-id', waiting], 'Building snapshot archive...', {
      cwd,
    });
    expectInterrupted(run);
    expect(run.stderr).toMatch(
      new RegExp(
        `^error: The download of snapshot ${waiting} was interrupted while .*nothing was written`,
        'm',
      ),
    );
    expect(await readdir(cwd)).toEqual([]);
  });

  it('stops `download` while the archive downloads: exit 130, no partial files left', async () => {
    testbed.emulator.faults.inject({ method: 'GET', path: '?download', delayMs: 30_000, times: 1 });
    const output = await makeTempDir();
    const run = await interruptAt(
      ['download', '--snapshot-id', waiting, '--output', output],
      'Downloading snapshot',
    );
    expectInterrupted(run);
    expect(run.stderr).toMatch(
      /^error: The download of snapshot \d+ was interrupted while .*nothing was written/m,
    );
    expect(await readdir(output, { recursive: true })).toEqual([]);
  });

  it('stops `doctor`, which reports a check cut short, with exit 130', async () => {
    testbed.emulator.faults.inject({
      method: 'GET',
      path: /\/organizations\/acme\/$/,
      delayMs: 30_000,
      times: 1,
    });
    const cli = spawnCli(['doctor'], { env: testbed.env() });
    while (testbed.emulator.faults.pending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    cli.child.kill('SIGINT');
    const run = await cli.result;
    expect(run.code, run.stderr).toBe(130);
    expect(run.stdout).toContain('was interrupted');
    expect(run.stderr).toMatch(
      /^error: Interrupted as the command ended; what it printed is what it did\.$/m,
    );
  });

  it('exits at once on a second Ctrl-C, with one line', async () => {
    // On SIGUSR2 the main thread stays busy until the test lets it go, as a heavy moment would:
    // both interrupts arrive before the first one is acted on, so the second finds it winding down.
    const dir = await makeTempDir();
    const preload = join(dir, 'busy.mjs');
    const go = join(dir, 'go');
    await writeFile(
      preload,
      [
        "import { existsSync } from 'node:fs';",
        "process.on('SIGUSR2', () => {",
        "  process.stderr.write('busy\\n');",
        '  const cell = new Int32Array(new SharedArrayBuffer(4));',
        `  for (let i = 0; i < 1500 && !existsSync(${JSON.stringify(go)}); i++) Atomics.wait(cell, 0, 0, 20);`,
        '});',
      ].join('\n'),
    );
    const cli = spawnCli(['status', waiting, '--wait'], {
      env: env(),
      nodeArgs: ['--import', pathToFileURL(preload).href],
    });
    await cli.waitForOutput('Waiting for the comparison');
    cli.child.kill('SIGUSR2');
    await cli.waitForOutput('busy');
    cli.child.kill('SIGINT');
    // Two pending SIGINTs would merge into one: the second goes once the first was taken.
    await delivered(cli.child.pid!, 'SIGINT');
    cli.child.kill('SIGINT');
    await delivered(cli.child.pid!, 'SIGINT');
    await writeFile(go, '');
    const started = Date.now();
    const run = await cli.result;
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr.match(/^Interrupted again: exiting now\.$/gm)).toHaveLength(1);
    expect(run.stderr).not.toContain('unexpected failure');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

/** Resolves once `signal` is no longer pending for the process (Linux: /proc/<pid>/status). */
async function delivered(pid: number, signal: 'SIGINT'): Promise<void> {
  const bit = 1n << BigInt(constants.signals[signal] - 1);
  for (;;) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const pending = /^ShdPnd:\s*([0-9a-f]+)$/m.exec(status)?.[1] ?? '0';
    if ((BigInt(`0x${pending}`) & bit) === 0n) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
