import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { startLoopbackProxy } from '@sentry-snapshots/test-kit/loopback-proxy';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { beforeAll, describe, expect, it } from 'vitest';

const testbed = useTestEmulator(startEmulator);
/** The folder uploaded: one small image. */
const folder = () => join(testbed.dir, 'images');

beforeAll(async () => {
  await writePng(join(folder(), 'a.png'), { width: 4, height: 4, seed: 21 });
});

const uploaded = (stdout: string) =>
  JSON.parse(stdout) as { org: string; project: string; artifactId: string };

describe('configuration as sentry-cli reads it', () => {
  it('takes token, org, project and URL from a .sentryclirc found upward from the current folder', async () => {
    const root = await makeTempDir();
    const cwd = join(root, 'packages', 'app');
    await mkdir(cwd, { recursive: true });
    await writeFile(
      join(root, '.sentryclirc'),
      `[auth]\ntoken=${testbed.emulator.token}\n\n[defaults]\nurl=${testbed.emulator.url}/\norg=rc-org\nproject=rc-project\n`,
    );
    const run = await runCli(['upload', folder(), '--app-id', 'web', '--json', '--no-git-metadata'], {
      cwd,
    });
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code, run.stderr).toBe(0);
    expect(uploaded(run.stdout)).toMatchObject({ org: 'rc-org', project: 'rc-project' });
  });

  it('reads ~/.sentryclirc, with env vars and flags winning over it', async () => {
    const home = await makeTempDir();
    await writeFile(
      join(home, '.sentryclirc'),
      `[auth]\ntoken=${testbed.emulator.token}\n[defaults]\nurl=${testbed.emulator.url}\norg=home-org\nproject=home-project\n`,
    );
    const cwd = await makeTempDir();
    const run = await runCli(
      ['upload', folder(), '--app-id', 'web', '--json', '--no-git-metadata', '-p', 'flag-project'],
      { cwd, env: { HOME: home, SENTRY_ORG: 'env-org' } },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(uploaded(run.stdout)).toMatchObject({ org: 'env-org', project: 'flag-project' });
  });

  it("sends every request through .sentryclirc's [http] proxy, with its credentials", async () => {
    const proxy = await startLoopbackProxy();
    try {
      const cwd = await makeTempDir();
      await writeFile(
        join(cwd, '.sentryclirc'),
        `[http]\nproxy_url=${proxy.url}\nproxy_username=ci\nproxy_password=s3cret\nkeepalive=false\n`,
      );
      const run = await runCli(['upload', folder(), '--app-id', 'web', '--json', '--no-git-metadata'], {
        cwd,
        env: {
          SENTRY_URL: testbed.emulator.url,
          SENTRY_AUTH_TOKEN: testbed.emulator.token,
          SENTRY_ORG: 'acme',
          SENTRY_PROJECT: 'web',
        },
      });
      expect(run.code, run.stderr).toBe(0);
      // keepalive=false: a tunnel per request (options, check, store, create), each authorised.
      expect(proxy.seen.length).toBeGreaterThanOrEqual(3);
      expect(new Set(proxy.seen)).toEqual(new Set([new URL(testbed.emulator.url).host]));
      expect(new Set(proxy.authorizations)).toEqual(
        new Set([`Basic ${Buffer.from('ci:s3cret').toString('base64')}`]),
      );
    } finally {
      await proxy.close();
    }
  });

  it('shows the [http] proxy in doctor, its password hidden, and checks access through it', async () => {
    const proxy = await startLoopbackProxy();
    try {
      const cwd = await makeTempDir();
      await writeFile(join(cwd, '.sentryclirc'), `[http]\nproxy_url=${proxy.url}\nproxy_password=s3cret\n`);
      const run = await runCli(['doctor', '--json', '-o', 'acme', '-p', 'web'], {
        cwd,
        env: { SENTRY_URL: testbed.emulator.url, SENTRY_AUTH_TOKEN: testbed.emulator.token },
      });
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as { proxy: { forUrl: string | null } };
      expect(report.proxy.forUrl).toBe(`${proxy.url.replace('http://', 'http://:***@')}/`);
      expect(proxy.seen.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('refuses a SENTRY_HTTP_MAX_RETRIES that is not a number (exit 11)', async () => {
    const run = await runCli(['upload', folder(), '--app-id', 'web', '-o', 'acme', '-p', 'web'], {
      env: {
        SENTRY_URL: testbed.emulator.url,
        SENTRY_AUTH_TOKEN: testbed.emulator.token,
        SENTRY_HTTP_MAX_RETRIES: 'lots',
      },
    });
    expect(run.code, run.stderr).toBe(11);
    expect(run.stderr).toMatch(
      /^error: SENTRY_HTTP_MAX_RETRIES must be a whole number of retries, not 'lots'\./m,
    );
  });

  it('refuses an [http] value it cannot read (exit 11)', async () => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, '.sentryclirc'), '[http]\nverify_ssl=sometimes\n');
    const run = await runCli(['upload', folder(), '--app-id', 'web', '-o', 'acme', '-p', 'web'], {
      cwd,
      env: { SENTRY_URL: testbed.emulator.url, SENTRY_AUTH_TOKEN: testbed.emulator.token },
    });
    expect(run.code, run.stderr).toBe(11);
    expect(run.stderr).toMatch(/^error: \[http\] verify_ssl must be true or false, not 'sometimes'\./m);
  });

  it('reads the .env file SENTRY_DOTENV_PATH names instead of the nearest .env', async () => {
    const cwd = await makeTempDir();
    await writeFile(join(cwd, '.env'), 'SENTRY_ORG=dot-org\n');
    await writeFile(
      join(cwd, 'ci.env'),
      `SENTRY_ORG=named-org\nSENTRY_AUTH_TOKEN=${testbed.emulator.token}\n`,
    );
    const run = await runCli(
      ['upload', folder(), '--app-id', 'web', '--json', '--no-git-metadata', '-p', 'web'],
      {
        cwd,
        env: { SENTRY_URL: testbed.emulator.url, SENTRY_DOTENV_PATH: 'ci.env' },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(uploaded(run.stdout)).toMatchObject({ org: 'named-org' });
  });

  it('takes org and URL from an org auth token', async () => {
    const token = testbed.emulator.createOrgAuthToken('token-org');
    const run = await runCli(['upload', folder(), '--app-id', 'web', '--json', '--no-git-metadata'], {
      env: { SENTRY_AUTH_TOKEN: token, SENTRY_PROJECT: 'web' },
    });
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code, run.stderr).toBe(0);
    expect(uploaded(run.stdout)).toMatchObject({ org: 'token-org', project: 'web' });
  });

  it('refuses an org that contradicts the org auth token (exit 11)', async () => {
    const token = testbed.emulator.createOrgAuthToken('token-org');
    const run = await runCli(['upload', folder(), '--app-id', 'web', '-o', 'other', '-p', 'web'], {
      env: { SENTRY_AUTH_TOKEN: token },
    });
    expect(run.code, run.stderr).toBe(11);
    expect(run.stderr).toMatch(/^error: The auth token belongs to organization "token-org"/m);
  });

  it('accepts the global options before or after the command', async () => {
    const base = ['--app-id', 'web', '--json', '--no-git-metadata', '-o', 'acme', '-p', 'web'];
    const globals = [
      '--url',
      testbed.emulator.url,
      '--auth-token',
      testbed.emulator.token,
      '--log-level',
      'error',
    ];
    const before = await runCli([...globals, 'upload', folder(), ...base]);
    const after = await runCli(['upload', folder(), ...base, ...globals]);
    expect(before.code, before.stderr).toBe(0);
    expect(after.code, after.stderr).toBe(0);
    expect(uploaded(after.stdout).org).toBe('acme');
  });
});

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('upload --help lists every sentry-cli flag, the global ones, and examples', async () => {
    const run = await runCli(['upload', '--help']);
    expect(run.code, run.stderr).toBe(0);
    for (const flag of [
      '-o, --org',
      '-p, --project',
      '--app-id',
      '--diff-threshold',
      '--selective',
      '--all-image-file-names ',
      '--all-image-file-names-file',
      '--head-sha',
      '--base-sha',
      '--vcs-provider',
      '--head-repo-name',
      '--base-repo-name',
      '--head-ref',
      '--base-ref',
      '--pr-number',
      '--force-git-metadata',
      '--no-git-metadata',
      '--url',
      '--header',
      '--auth-token',
      '--log-level',
      '--quiet',
      '--json',
      '--dry-run',
      '--concurrency',
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain('Examples:');
  });

  it('no arguments prints the help', async () => {
    const run = await runCli([]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: sentry-snapshots');
    expect(run.stdout).toContain('upload');
  });
});
