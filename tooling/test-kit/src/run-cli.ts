import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built bin; tests run what users run. */
export const cliBinPath = fileURLToPath(new URL('../../../packages/cli/dist/bin.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  cwd?: string;
  /**
   * The whole environment of the child: nothing leaks in from the test process (no CI, no
   * SENTRY_*, no real HOME), apart from PATH. Set HOME to a temp folder when `.sentryclirc` matters.
   */
  env?: Record<string, string | undefined>;
  /** Kills the child (SIGKILL) when it runs longer than this; default 60 s. */
  timeoutMs?: number;
  /** Runs the child as this user (root only): how a test makes a file unreadable when it is root. */
  user?: { uid: number; gid: number };
}

export interface SpawnedCli {
  child: ChildProcess;
  /** Resolves when the child exits. */
  result: Promise<CliResult>;
  /** Resolves once stderr (or stdout) contains `text`; for signalling a run midway. */
  waitForOutput(text: string | RegExp): Promise<void>;
}

/** Starts `sentry-snapshots <args>` as a child process. */
export function spawnCli(args: string[], options: RunCliOptions = {}): SpawnedCli {
  const child = spawn(process.execPath, [cliBinPath, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { PATH: process.env.PATH, HOME: '/nonexistent', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options.user,
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<{ pattern: string | RegExp; resolve: () => void }>();
  const check = () => {
    for (const waiter of waiters) {
      const text = stderr + stdout;
      const found =
        typeof waiter.pattern === 'string' ? text.includes(waiter.pattern) : waiter.pattern.test(text);
      if (found) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    check();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    check();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const waiter of waiters) waiter.resolve();
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    result,
    waitForOutput: (pattern) =>
      new Promise<void>((resolve) => {
        waiters.add({ pattern, resolve });
        check();
      }),
  };
}

/** Runs `sentry-snapshots <args>` to the end: `{ code, stdout, stderr }`. */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return spawnCli(args, options).result;
}
