import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type { Env } from '@sentry-snapshots/core';

export interface Dotenv {
  values: Record<string, string>;
  /** Why a file named by `SENTRY_DOTENV_PATH` gave nothing. */
  warning?: string;
}

/**
 * A `.env` file, as `sentry-cli` loads it: the one `SENTRY_DOTENV_PATH` names (relative to `cwd`),
 * else the nearest upward from `cwd`. Its values fill env vars that are not set. Off when
 * `SENTRY_LOAD_DOTENV` is set to anything but `1`.
 */
export async function loadDotenv(cwd: string, env: Env): Promise<Dotenv> {
  if (env.SENTRY_LOAD_DOTENV !== undefined && env.SENTRY_LOAD_DOTENV !== '1') return { values: {} };
  const named = env.SENTRY_DOTENV_PATH;
  if (named) {
    try {
      return { values: parse(await readFile(resolve(cwd, named), 'utf8')) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return {
        values: {},
        warning: `Cannot load the .env file ${named} named by SENTRY_DOTENV_PATH (${code}).`,
      };
    }
  }
  for (let dir = cwd; ; dir = dirname(dir)) {
    try {
      return { values: parse(await readFile(join(dir, '.env'), 'utf8')) };
    } catch (error) {
      // A `.env` that cannot be read is skipped, as sentry-cli's loader does.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { values: {} };
    }
    if (dirname(dir) === dir) return { values: {} };
  }
}

const parse = (text: string) => parseEnv(text) as Record<string, string>;
