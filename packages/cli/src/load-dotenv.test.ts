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
    expect(await loadDotenv(cwd, {})).toEqual({ values: { SENTRY_ORG: 'near', SENTRY_PROJECT: 'web app' } });
  });

  it('is off when SENTRY_LOAD_DOTENV is set to anything but 1, as in sentry-cli', async () => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, '.env'), 'SENTRY_ORG=x\n');
    expect(await loadDotenv(cwd, { SENTRY_LOAD_DOTENV: '0' })).toEqual({ values: {} });
    expect(await loadDotenv(cwd, { SENTRY_LOAD_DOTENV: 'false' })).toEqual({ values: {} });
    expect(await loadDotenv(cwd, { SENTRY_LOAD_DOTENV: '1' })).toEqual({ values: { SENTRY_ORG: 'x' } });
  });

  it('reads only the file SENTRY_DOTENV_PATH names, and says so when it cannot', async () => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, '.env'), 'SENTRY_ORG=dot\n');
    await writeFile(join(cwd, 'ci.env'), 'SENTRY_ORG=named\n');
    expect(await loadDotenv(cwd, { SENTRY_DOTENV_PATH: 'ci.env' })).toEqual({
      values: { SENTRY_ORG: 'named' },
    });
    expect(await loadDotenv(cwd, { SENTRY_DOTENV_PATH: 'gone.env' })).toEqual({
      values: {},
      warning: 'Cannot load the .env file gone.env named by SENTRY_DOTENV_PATH (ENOENT).',
    });
  });
});
