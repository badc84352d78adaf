import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runProcess, spawnProcess } from '@sentry-snapshots/test-kit/run-process';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it, onTestFinished } from 'vitest';

const binPath = fileURLToPath(new URL('../dist/bin.mjs', import.meta.url));
const notFound = { detail: 'The requested resource does not exist' };
const stackFrame = /^\s+at /m;

interface RunningBin {
  url: string;
  /** Calls `{url}/api/0/<path>` with the printed token. */
  callApi(path: string): Promise<{ status: number; json: unknown }>;
  /** Sends SIGTERM; answers the exit code and everything written to stderr. */
  stop(): Promise<{ code: number | null; stderr: string }>;
}

/** Runs the built bin on a free port in a fresh data folder, once it has printed its URL and token. */
async function startBin(args: string[] = []): Promise<RunningBin> {
  const dataDir = await makeTempDir('emulator-bin-');
  const running = spawnProcess(process.execPath, [binPath, '--port', '0', '--data', dataDir, ...args]);
  onTestFinished(() => {
    if (running.child.exitCode === null) running.child.kill('SIGKILL');
  });
  let stdout = '';
  running.child.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
  });
  await running.waitForOutput(/^Auth token: \S+\n/m);
  const url = /^Sentry emulator listening on (\S+)$/m.exec(stdout)?.[1] ?? '';
  const token = /^Auth token: (\S+)$/m.exec(stdout)?.[1] ?? '';
  return {
    url,
    callApi: async (path) => {
      const response = await fetch(`${url}/api/0/${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, json: await response.json() };
    },
    stop: async () => {
      running.child.kill('SIGTERM');
      const { code, stderr } = await running.result;
      return { code, stderr };
    },
  };
}

describe('sentry-snapshots-emulator bin', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints its URL and token, serves, and stops cleanly on %s',
    async (signal) => {
      const dataDir = await makeTempDir('emulator-bin-');
      const child = spawn(process.execPath, [binPath, '--port', '0', '--data', dataDir], { stdio: 'pipe' });
      const lines = createInterface({ input: child.stdout });
      let url = '';
      let token = '';
      for await (const line of lines) {
        url ||= /^Sentry emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1] ?? '';
        token ||= /^Auth token: (\S+)$/.exec(line)?.[1] ?? '';
        if (url && token) break;
      }
      const answer = await fetch(`${url}/api/0/organizations/acme/`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(200);
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = await exited;
      expect(code).toBe(0);
    },
  );

  it('--help lists every option and exits 0', async () => {
    const { code, stdout, stderr } = await runProcess(process.execPath, [binPath, '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const option of [
      '--port',
      '--host',
      '--data',
      '--org',
      '--project',
      '--projects-file',
      '--latency',
      '--uplink',
      '--help',
    ]) {
      expect(stdout).toContain(option);
    }
    expect(stdout.split('\n').length).toBeGreaterThan(10);
  });

  it.each([
    [['--port', 'many'], /^error: invalid --port "many"\nhint: give a port from 0 to 65535\n$/],
    [['--prot', '80'], /^error: unknown option '--prot'\nhint: run sentry-snapshots-emulator --help/],
    [['--port'], /^error: option '--port <value>' argument missing\nhint: /],
    [['--project', 'web'], /^error: project "web" names no single organization\nhint: add --org <slug>/],
    [['--org', 'acme'], /^error: organization acme has no project\nhint: add --project <slug>/],
    [['--project', 'acme/1234'], /^error: "1234" is not a valid project slug\nhint: /],
    [
      ['--latency', 'far'],
      /^error: invalid --latency "far"\nhint: give milliseconds, e\.g\. --latency 40\n$/,
    ],
    [['--uplink=-5'], /^error: invalid --uplink "-5"\nhint: give megabits per second/],
  ])('%j is one error line and a hint, exit 2, no stack trace', async (args, expected) => {
    const { code, stdout, stderr } = await runProcess(process.execPath, [binPath, ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(expected);
    expect(stderr.trim().split('\n')).toHaveLength(2);
    expect(stderr).not.toMatch(stackFrame);
  });

  it('a port in use is one error line and a hint, exit 2, no stack trace', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as { port: number };
    const dataDir = await makeTempDir('emulator-bin-');
    const { code, stderr } = await runProcess(process.execPath, [
      binPath,
      '--port',
      String(port),
      '--data',
      dataDir,
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: port ${port} on 127.0.0.1 is in use\nhint: pass another --port, or --port 0 for a free one\n`,
    );
  });

  it('with --org, --project and --projects-file, only those exist; others answer 404', async () => {
    const dir = await makeTempDir('emulator-projects-');
    const file = join(dir, 'projects.txt');
    await writeFile(file, '# the mobile team\nacme/ios\n\nother/api   # the backend\n');
    const bin = await startBin(['--org', 'acme', '--project', 'web', '--projects-file', file]);
    for (const path of [
      'projects/acme/web/',
      'projects/acme/ios/',
      'projects/other/api/',
      'organizations/acme/',
    ]) {
      expect((await bin.callApi(path)).status, path).toBe(200);
    }
    for (const path of [
      'organizations/acmee/',
      'projects/acmee/web/',
      'projects/acme/api/',
      'projects/acme/webb/',
    ]) {
      expect(await bin.callApi(path), path).toEqual({ status: 404, json: notFound });
    }
    const { code, stderr } = await bin.stop();
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('by default creates what it is asked for on first use, with a notice naming it', async () => {
    const bin = await startBin();
    expect((await bin.callApi('projects/acmee/web/')).status).toBe(200);
    expect((await bin.callApi('projects/acmee/web/')).status).toBe(200);
    const { stderr } = await bin.stop();
    expect(stderr).toBe(
      'notice: created organization acmee on first use\nnotice: created project acmee/web on first use\n',
    );
  });

  it('answers favicon.ico with 204 and logs nothing for a page view', async () => {
    const bin = await startBin();
    const page = await fetch(`${bin.url}/`);
    expect(page.status).toBe(200);
    const favicon = await fetch(`${bin.url}/favicon.ico`);
    expect(favicon.status).toBe(204);
    expect(favicon.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const { stderr } = await bin.stop();
    expect(stderr).toBe('');
  });
});
