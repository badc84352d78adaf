import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { resolveCliConnection, resolveHeaders } from './resolve-cli-connection.js';

async function io(env: CliIo['env'] = {}): Promise<CliIo & { errors: string[] }> {
  const errors: string[] = [];
  return {
    env,
    cwd: await makeTempDir(),
    home: undefined,
    stdout: { write: () => true },
    stderr: { write: (text: string) => errors.push(text) },
    signal: new AbortController().signal,
    errors,
  };
}

describe('resolveCliConnection', () => {
  it('merges env over .env over .sentryclirc over SENTRY_PROPERTIES, an empty env var counting as unset', async () => {
    const cli = await io();
    const properties = join(cli.cwd, 'sentry.properties');
    await writeFile(
      properties,
      'defaults.org=props-org\ndefaults.project=props-project\nauth.token=props-token\n',
    );
    await writeFile(
      join(cli.cwd, '.sentryclirc'),
      '[defaults]\norg=rc-org\nproject=rc-project\nurl=https://rc.example/\n',
    );
    await writeFile(join(cli.cwd, '.env'), 'SENTRY_PROJECT=dotenv-project\n');
    const { env } = await resolveCliConnection(
      {},
      { ...cli, env: { SENTRY_PROPERTIES: properties, SENTRY_ORG: '', SENTRY_URL: 'https://env.example/' } },
    );
    expect(env).toMatchObject({
      SENTRY_AUTH_TOKEN: 'props-token',
      SENTRY_ORG: 'props-org',
      SENTRY_PROJECT: 'dotenv-project',
      SENTRY_URL: 'https://env.example/',
    });
  });

  it('hands the SDK the flags as given, the merged env and the headers', async () => {
    const cli = await io({ CUSTOM_HEADER: 'X-Env: 1' });
    const connection = await resolveCliConnection({ org: 'o', authToken: 't', headers: ['X-Flag: 2'] }, cli);
    expect(connection.sdk).toMatchObject({
      org: 'o',
      authToken: 't',
      headers: { 'X-Flag': '2' },
      cwd: cli.cwd,
      env: connection.env,
    });
    expect(connection.sdk).not.toHaveProperty('project');
  });

  it('logs from SENTRY_LOG_LEVEL, and only errors with --quiet or --silent', async () => {
    const loud = await io({ SENTRY_LOG_LEVEL: 'info' });
    (await resolveCliConnection({}, loud)).logger.info('shown');
    expect(loud.errors).toEqual(['info: shown\n']);
    for (const flags of [{ quiet: true }, { silent: true }]) {
      const quiet = await io({ SENTRY_LOG_LEVEL: 'info' });
      const connection = await resolveCliConnection(flags, quiet);
      connection.logger.warn('hidden');
      expect(connection.quiet).toBe(true);
      expect(quiet.errors).toEqual([]);
    }
  });
});

describe('resolveHeaders', () => {
  it('takes --header over CUSTOM_HEADER, and nothing when neither is set', () => {
    expect(resolveHeaders({ headers: ['A: 1', 'B: 2'] }, { CUSTOM_HEADER: 'C: 3' })).toEqual({
      A: '1',
      B: '2',
    });
    expect(resolveHeaders({}, { CUSTOM_HEADER: 'C: 3' })).toEqual({ C: '3' });
    expect(resolveHeaders({ headers: [] }, {})).toBeUndefined();
  });
});
