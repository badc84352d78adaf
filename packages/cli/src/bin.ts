#!/usr/bin/env node
import nodeModule from 'node:module';
import { homedir } from 'node:os';
import { version } from './version.js';

const args = process.argv.slice(2);

// Node 22.1+ keeps compiled code on disk: a second run (in the same CI job, on a laptop) compiles
// nothing. Older Node has no such call, and nothing is said.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// A reader that went away (`sentry-snapshots --help | head`) is not a failure of the command.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// `--version` alone answers before the argument parser loads: scripts call it often.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    // The first Ctrl-C lets the command stop and say what it did; a second one does not wait for that.
    if (controller.signal.aborted) {
      process.stderr.write('Interrupted again: exiting now.\n');
      process.exit(130);
    }
    controller.abort(new Error('Interrupted (SIGINT)'));
  });
  // `upload` starts hashing its folder on worker threads first: they read while the code below
  // loads (SENTRY_SNAPSHOTS_EARLY_HASHING=0 leaves the start to the upload, as the SDK has it).
  const hashing =
    args.includes('upload') && process.env.SENTRY_SNAPSHOTS_EARLY_HASHING !== '0'
      ? (await import('./start-early-hashing.js')).startEarlyHashing(args, process.cwd())
      : undefined;
  const { runProgram } = await import('./program.js');
  const code = await runProgram(args, {
    hashing,
    env: process.env,
    cwd: process.cwd(),
    home: homedir(),
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
  });
  // The command is done once its output is out: idle connections winding down held the exit of a
  // warm upload back noticeably (warm uploads are measured in the bench, bench/results/latest.md).
  await Promise.all([process.stdout, process.stderr].map(flushed));
  process.exit(code);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}
