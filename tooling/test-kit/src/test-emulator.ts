import { afterAll, beforeAll } from 'vitest';
import { type CliResult, type RunCliOptions, runCli } from './run-cli.js';
import { createTempDir } from './temp-dir.js';

/** What the helper needs of an emulator; the emulator package itself is passed in (it depends on this kit). */
export interface StartedEmulator {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

export type Env = Record<string, string | undefined>;

export interface TestEmulator<E extends StartedEmulator> {
  emulator: E;
  /** A folder for the test's files (screenshots, config), removed with the emulator. */
  dir: string;
  /** Token, URL, org `acme` and project `web` of this emulator, with `overrides` over them (undefined drops one). */
  env(overrides?: Env): Env;
  /** Runs the built CLI against this emulator: `env()` with `options.env` over it. */
  cli(args: string[], options?: RunCliOptions): Promise<CliResult>;
  /** Stops the emulator and removes both folders. */
  close(): Promise<void>;
}

/**
 * Starts an emulator on port 0 with its data in a temp folder, plus a temp folder for the test's
 * own files. `start` is the emulator package's `startEmulator`.
 */
export async function startTestEmulator<E extends StartedEmulator, O extends { dataDir: string }>(
  start: (options: O) => Promise<E>,
  options: Omit<O, 'dataDir'> = {} as Omit<O, 'dataDir'>,
): Promise<TestEmulator<E>> {
  const data = await createTempDir();
  const files = await createTempDir();
  let emulator: E;
  try {
    emulator = await start({ port: 0, ...options, dataDir: data.path } as unknown as O);
  } catch (error) {
    await Promise.all([data.remove(), files.remove()]);
    throw error;
  }
  const env = (overrides: Env = {}): Env => ({
    SENTRY_AUTH_TOKEN: emulator.token,
    SENTRY_URL: emulator.url,
    SENTRY_ORG: 'acme',
    SENTRY_PROJECT: 'web',
    ...overrides,
  });
  return {
    emulator,
    dir: files.path,
    env,
    cli: (args, cliOptions = {}) => runCli(args, { ...cliOptions, env: env(cliOptions.env) }),
    close: async () => {
      await emulator.close();
      await Promise.all([data.remove(), files.remove()]);
    },
  };
}

/**
 * `startTestEmulator` for a whole test file: started in `beforeAll`, closed in `afterAll`. The
 * returned object reads the running one, so use its members inside tests and hooks only.
 */
export function useTestEmulator<E extends StartedEmulator, O extends { dataDir: string }>(
  start: (options: O) => Promise<E>,
  options?: Omit<O, 'dataDir'>,
): TestEmulator<E> {
  let started: TestEmulator<E> | undefined;
  beforeAll(async () => {
    started = await startTestEmulator(start, options);
  });
  afterAll(async () => {
    await started?.close();
  });
  const running = (): TestEmulator<E> => {
    if (started === undefined) throw new Error('The test emulator runs only inside tests and hooks.');
    return started;
  };
  return {
    get emulator() {
      return running().emulator;
    },
    get dir() {
      return running().dir;
    },
    env: (overrides) => running().env(overrides),
    cli: (args, cliOptions) => running().cli(args, cliOptions),
    close: () => running().close(),
  };
}
