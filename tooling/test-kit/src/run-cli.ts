import { fileURLToPath } from 'node:url';
import {
  type ProcessResult,
  type RunProcessOptions,
  type SpawnedProcess,
  spawnProcess,
} from './run-process.js';

/** The built bin; tests run what users run. */
export const cliBinPath = fileURLToPath(new URL('../../../packages/cli/dist/bin.mjs', import.meta.url));

export type CliResult = ProcessResult;

export interface RunCliOptions extends RunProcessOptions {
  /** Options for Node itself, before the bin (`--import` a preload…). */
  nodeArgs?: string[];
}

/** Starts `sentry-snapshots <args>` as a child process. */
export function spawnCli(args: string[], options: RunCliOptions = {}): SpawnedProcess {
  return spawnProcess(process.execPath, [...(options.nodeArgs ?? []), cliBinPath, ...args], options);
}

/** Runs `sentry-snapshots <args>` to the end: `{ code, stdout, stderr }`. */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return spawnCli(args, options).result;
}
