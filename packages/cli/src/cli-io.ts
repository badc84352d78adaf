import type { Env, ImageHashing } from '@sentry-snapshots/core';

/** A stream the CLI writes to; `process.stdout`/`process.stderr` fit. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** What a command may touch of the process, passed in so the program can run in tests. */
export interface CliIo {
  env: Env;
  cwd: string;
  /** Where `~/.sentryclirc` lives. */
  home: string | undefined;
  stdout: Output;
  stderr: Output;
  /** Aborted on SIGINT. */
  signal: AbortSignal;
  /** Hashing the entry started on `upload`'s folder before the program loaded (bin.ts). */
  hashing?: ImageHashing | undefined;
}
