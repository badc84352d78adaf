import { ComparisonStateSchema, SnapshotDetailSchema } from '@sentry-snapshots/core/contract';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { beforeAll, describe, expect, it } from 'vitest';

const testbed = useTestEmulator(startEmulator);
/** A snapshot without a base (settled at once) and one whose base never arrives. */
let solo: string;
let waiting: string;

/** No SENTRY_PROJECT: reading a snapshot needs none. */
const env = () => testbed.env({ SENTRY_PROJECT: undefined });

async function upload(extra: string[]): Promise<string> {
  const run = await runCli(
    ['upload', testbed.dir, '--app-id', 'status-app', '--json', '--no-git-metadata', ...extra],
    {
      env: { ...env(), SENTRY_PROJECT: 'web' },
    },
  );
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).artifactId;
}

beforeAll(async () => {
  await writePng(`${testbed.dir}/home.png`, { width: 6, height: 4, seed: 1 });
  await writePng(`${testbed.dir}/settings.png`, { width: 5, height: 5, seed: 2 });
  solo = await upload([]);
  waiting = await upload(['--base-sha', 'b'.repeat(40), '--base-repo-name', 'acme/web']);
});

describe('sentry-snapshots status', () => {
  it('shows a solo snapshot as a table', async () => {
    const run = await runCli(['status', solo], { env: env() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `Snapshot    ${solo} (app status-app, 2 images)`,
        'Base        -',
        'Comparison  solo, no base to compare with',
        '',
        `Nothing was compared: no base commit was sent, so snapshot ${solo} is a base build.`,
        'To compare, give its base: --base-sha with --base-repo-name (found in CI), or --force-git-metadata outside CI; `sentry-snapshots doctor` shows what was found.',
        '',
      ].join('\n'),
    );
  });

  it('prints the summary and the raw detail with --json', async () => {
    const run = await runCli(['status', solo, '--json', '-o', 'acme'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output).sort()).toEqual(['detail', 'notice', 'summary']);
    expect(output.notice).toBe(
      `Nothing was compared: no base commit was sent, so snapshot ${solo} is a base build.`,
    );
    expect(output.summary).toEqual({
      artifactId: solo,
      type: 'solo',
      state: null,
      counts: { added: 0, removed: 0, changed: 0, unchanged: 0, renamed: 0, errored: 0, skipped: 0 },
      names: { added: [], removed: [], changed: [], renamed: [], errored: [] },
      hasChanges: false,
      approved: false,
      base: {},
    });
    const detail = SnapshotDetailSchema.parse(output.detail);
    expect(detail).toMatchObject({ head_artifact_id: solo, app_id: 'status-app', image_count: 2 });
    expect(detail.images.map((image) => image.image_file_name).sort()).toEqual(['home.png', 'settings.png']);
  });

  it('waits for a solo snapshot, which is settled at once, and passes --fail-on-changes', async () => {
    const run = await runCli(['status', solo, '--wait', '--fail-on-changes'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Comparison  solo');
  });

  it('shows a comparison that has not ended without waiting, and exits 0', async () => {
    const run = await runCli(['status', waiting, '--fail-on-changes'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Comparison  waiting_for_base, waiting_for_base\n');
    expect(run.stdout).toContain('The comparison has not finished: run again later, or pass --wait.');
    expect(run.stderr).toBe(
      'warning: the comparison has not finished, so --fail-on-changes has nothing to judge yet; pass --wait.\n',
    );
  });

  it('gives up waiting after --timeout with exit 51 and progress on stderr', async () => {
    const run = await runCli(['status', waiting, '--wait', '--timeout', '1'], { env: env() });
    expect(run.code).toBe(51);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^Waiting for the comparison of snapshot \d+: waiting_for_base \(base commit \w{7} has no snapshot yet/m,
    );
    expect(run.stderr).toMatch(
      /^error: The comparison of snapshot \d+ did not finish within 1 s \(state: waiting_for_base\)\. Base commit \w{7} has no snapshot yet\.$/m,
    );
  });

  it('reports WAIT_TIMEOUT as JSON with --json, progress staying on stderr', async () => {
    const run = await runCli(['status', waiting, '--wait', '--timeout', '0.5', '--json'], { env: env() });
    expect(run.code).toBe(51);
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: { code: 'WAIT_TIMEOUT', family: 'comparison', details: { artifactId: waiting } },
      exitCode: 51,
    });
    expect(ComparisonStateSchema.parse(JSON.parse(run.stdout).error.details.comparisonState)).toBe(
      'waiting_for_base',
    );
  });

  it('answers SNAPSHOT_NOT_FOUND (exit 31) for an unknown id', async () => {
    const run = await runCli(['status', '987654', '--json'], { env: env() });
    expect(run.code).toBe(31);
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: { code: 'SNAPSHOT_NOT_FOUND', status: 404, details: { detail: 'Snapshot not found' } },
    });
    expect(run.stderr).toContain("error: Snapshot '987654' was not found in organization 'acme'.");
  });

  it('retries a passing server error, and fails with exit 40 on one that lasts', async () => {
    testbed.emulator.faults.inject({ method: 'GET', path: `/snapshots/${solo}/`, status: 503, times: 1 });
    const passing = await runCli(['status', solo], { env: env() });
    expect(passing.code, passing.stderr).toBe(0);

    testbed.emulator.faults.inject({ method: 'GET', path: `/snapshots/${solo}/`, status: 500, times: 10 });
    const failing = await runCli(['status', solo, '--json'], { env: env() });
    testbed.emulator.faults.clear();
    expect(failing.code).toBe(40);
    expect(JSON.parse(failing.stdout).error.code).toBe('SERVER_ERROR');
  });

  it('needs an org and a token, and checks --timeout', async () => {
    const noOrg = await runCli(['status', solo], { env: { ...env(), SENTRY_ORG: '' } });
    expect(noOrg.code).toBe(11);
    expect(noOrg.stderr).toContain('error: No Sentry organization was given.');
    const badToken = await runCli(['status', solo], { env: { ...env(), SENTRY_AUTH_TOKEN: 'sntryu_wrong' } });
    expect(badToken.code).toBe(30);
    const badTimeout = await runCli(['status', solo, '--wait', '--wait-timeout', 'soon'], { env: env() });
    expect(badTimeout.code).toBe(10);
    expect(badTimeout.stderr).toContain(
      'error: Invalid --wait-timeout "soon": must be a duration in seconds, or with a unit: 90s, 10m, 1h\nhint: Pass --wait-timeout.',
    );
  });
});
