import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseEnv } from 'node:util';
import type { Env } from '@sentry-snapshots/core';

/**
 * The nearest `.env` upward from `cwd`, as `sentry-cli` loads it: its values fill env vars that
 * are not set, and `SENTRY_LOAD_DOTENV=0` turns it off.
 */
export async function loadDotenv(cwd: string, env: Env): Promise<Record<string, string>> {
  if (env.SENTRY_LOAD_DOTENV === '0') return {};
  for (let dir = cwd; ; dir = dirname(dir)) {
    try {
      return parseEnv(await readFile(join(dir, '.env'), 'utf8')) as Record<string, string>;
    } catch (error) {
      // A `.env` that cannot be read is skipped, as sentry-cli's loader does.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return {};
    }
    if (dirname(dir) === dir) return {};
  }
}
