import { type ChildProcess, spawn } from 'node:child_process';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunProcessOptions {
  cwd?: string;
  /**
   * The whole environment of the child: nothing leaks in from the test process (no CI, no
   * SENTRY_*, no real HOME), apart from PATH. Set HOME to a temp folder when `.sentryclirc` matters.
   */
  env?: Record<string, string | undefined>;
  /**
   * Kills the child (SIGKILL) when it runs longer than this; default 45 s, under the CLI tests'
   * 60 s, so a stuck child fails its test with its own output rather than a bare test timeout.
   */
  timeoutMs?: number;
  /** Runs the child as this user (root only): how a test makes a file unreadable when it is root. */
  user?: { uid: number; gid: number };
}

export interface SpawnedProcess {
  child: ChildProcess;
  /** Resolves when the child exits. */
  result: Promise<ProcessResult>;
  /** Resolves once stderr (or stdout) contains `text`; for signalling a run midway. */
  waitForOutput(text: string | RegExp): Promise<void>;
}

/** Starts a process with a clean environment, collecting its output as text. */
export function spawnProcess(
  command: string,
  args: string[],
  options: RunProcessOptions = {},
): SpawnedProcess {
  const child = spawn(command, args, {
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
  const timeoutMs = options.timeoutMs ?? 45_000;
  const timer = setTimeout(() => {
    stderr += `\n[killed by the test after ${timeoutMs} ms]\n`;
    child.kill('SIGKILL');
  }, timeoutMs);
  const result = new Promise<ProcessResult>((resolve, reject) => {
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

/** Runs a process to the end: `{ code, stdout, stderr }`. */
export function runProcess(
  command: string,
  args: string[],
  options: RunProcessOptions = {},
): Promise<ProcessResult> {
  return spawnProcess(command, args, options).result;
}
