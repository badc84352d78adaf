import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import {
  httpSettingsFromConfig,
  loadSentryCliConfig,
  sentryCliConfigAsEnv,
} from './load-sentry-cli-config.js';

describe('loadSentryCliConfig', () => {
  it('merges the nearest project file over the home file', async () => {
    const root = await makeTempDir();
    const home = join(root, 'home');
    const cwd = join(root, 'repo', 'packages', 'app');
    await mkdir(home, { recursive: true });
    await mkdir(cwd, { recursive: true });
    await writeFile(
      join(home, '.sentryclirc'),
      '[auth]\ntoken=home-token\n[defaults]\norg=home-org\nurl=https://home.example/\n',
    );
    await writeFile(
      join(root, 'repo', '.sentryclirc'),
      '; project settings\n[defaults]\norg = repo-org\nproject = web\n',
    );
    const config = await loadSentryCliConfig({ cwd, home, env: {} });
    expect(sentryCliConfigAsEnv(config)).toEqual({
      SENTRY_AUTH_TOKEN: 'home-token',
      SENTRY_ORG: 'repo-org',
      SENTRY_PROJECT: 'web',
      SENTRY_URL: 'https://home.example/',
    });
  });

  it('also finds sentrycli.ini, and reads log level, custom header, VCS remote, retries and timeout', async () => {
    const cwd = await makeTempDir();
    await writeFile(
      join(cwd, 'sentrycli.ini'),
      '[log]\nlevel=debug\n[defaults]\ncustom_header=X-A: 1\nvcs_remote=corp\n[http]\nmax_retries=2\ntimeout=7.5\n',
    );
    const config = await loadSentryCliConfig({ cwd, home: undefined, env: {} });
    expect(sentryCliConfigAsEnv(config)).toEqual({
      SENTRY_LOG_LEVEL: 'debug',
      CUSTOM_HEADER: 'X-A: 1',
      SENTRY_VCS_REMOTE: 'corp',
      SENTRY_HTTP_MAX_RETRIES: '2',
      SENTRY_HTTP_TIMEOUT: '7.5',
    });
  });

  it('applies the SENTRY_PROPERTIES file over the others', async () => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, '.sentryclirc'), '[defaults]\norg=rc-org\nproject=rc-project\n');
    const properties = join(cwd, 'sentry.properties');
    await writeFile(properties, 'defaults.org=props-org\nauth.token=props-token\n');
    const config = await loadSentryCliConfig({
      cwd,
      home: undefined,
      env: { SENTRY_PROPERTIES: properties },
    });
    expect(sentryCliConfigAsEnv(config)).toEqual({
      SENTRY_ORG: 'props-org',
      SENTRY_PROJECT: 'rc-project',
      SENTRY_AUTH_TOKEN: 'props-token',
    });
  });

  it('finds nothing when there is nothing', async () => {
    const cwd = await makeTempDir();
    expect(await loadSentryCliConfig({ cwd, home: cwd, env: {} })).toEqual({});
  });

  it('reports a config file it cannot read', async () => {
    const cwd = await makeTempDir();
    // A folder in the file's place fails the read even for root.
    await mkdir(join(cwd, '.sentryclirc'));
    await expect(loadSentryCliConfig({ cwd, home: undefined, env: {} })).rejects.toMatchObject({
      code: 'CONFIG_FILE_UNREADABLE',
      message: expect.stringContaining('.sentryclirc'),
    });
  });
});

describe('httpSettingsFromConfig', () => {
  it("reads sentry-cli's [http] proxy, with its credentials percent-encoded into the URL", () => {
    expect(
      httpSettingsFromConfig({
        http: { proxy_url: 'proxy.corp:3128', proxy_username: 'ci bot', proxy_password: 'p@ss:word' },
      }),
    ).toEqual({ proxyUrl: 'http://ci%20bot:p%40ss%3Aword@proxy.corp:3128/' });
  });

  it('reads verify_ssl and keepalive as sentry-cli writes them', () => {
    expect(httpSettingsFromConfig({ http: { verify_ssl: 'false', keepalive: 'False' } })).toEqual({
      verifyTls: false,
      keepAlive: false,
    });
    expect(httpSettingsFromConfig({ http: { verify_ssl: 'yes', keepalive: '1' } })).toEqual({
      verifyTls: true,
      keepAlive: true,
    });
  });

  it('gives nothing when the section sets nothing', () => {
    expect(httpSettingsFromConfig({})).toBeUndefined();
    expect(httpSettingsFromConfig({ http: { check_ssl_revoke: 'false' } })).toBeUndefined();
  });

  it('refuses values it cannot read, naming the key', () => {
    expect(() => httpSettingsFromConfig({ http: { verify_ssl: 'maybe' } })).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG_VALUE',
        message: expect.stringContaining('verify_ssl'),
      }),
    );
    expect(() => httpSettingsFromConfig({ http: { proxy_url: 'http://[bad' } })).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG_VALUE',
        message: expect.stringContaining('proxy_url'),
      }),
    );
  });
});
