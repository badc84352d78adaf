import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { loadDotenv } from './load-dotenv.js';

describe('loadDotenv', () => {
  it('reads the nearest .env upward from the folder', async () => {
    const root = await makeTempDir();
    const cwd = join(root, 'a', 'b');
    await mkdir(cwd, { recursive: true });
    await writeFile(join(root, '.env'), 'SENTRY_ORG=far\n');
    await writeFile(join(root, 'a', '.env'), '# comment\nSENTRY_ORG=near\nexport SENTRY_PROJECT="web app"\n');
    expect(await loadDotenv(cwd, {})).toEqual({ SENTRY_ORG: 'near', SENTRY_PROJECT: 'web app' });
  });

  it('is off with SENTRY_LOAD_DOTENV=0', async () => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, '.env'), 'SENTRY_ORG=x\n');
    expect(await loadDotenv(cwd, { SENTRY_LOAD_DOTENV: '0' })).toEqual({});
  });
});
