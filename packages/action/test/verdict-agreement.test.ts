import { join } from 'node:path';
import { type Emulator, startEmulator } from '@sentry-snapshots/emulator';
import { getSnapshotStatus, type SnapshotDetail, uploadSnapshots } from '@sentry-snapshots/node';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { createTempDir, type TempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSkipReason, runBundle } from './run-bundle.js';

/**
 * The gate decided once: the same comparisons, approved in Sentry or not, judged by the CLI, the
 * SDK and the action, must pass and fail alike (docs/comparison-gate.md).
 */
const size = { width: 16, height: 12 };
const vcs = { provider: 'github', headRepoName: 'acme/web', baseRepoName: 'acme/web' };
const sha = (digit: string) => digit.repeat(40);

let temp: TempDir;
let emulator: Emulator;
/** Each case's snapshot detail, as the emulator answers it once the comparison ended. */
const details = new Map<string, SnapshotDetail>();

async function uploadHead(name: string, seed: number, approve: boolean): Promise<void> {
  const dir = join(temp.path, name);
  await writePng(join(dir, 'home.png'), { ...size, seed: 1 });
  await writePng(join(dir, 'settings.png'), { ...size, seed });
  const env = { SENTRY_URL: emulator.url, SENTRY_AUTH_TOKEN: emulator.token, SENTRY_ORG: 'acme' };
  const head = await uploadSnapshots({
    path: dir,
    appId: 'gate',
    project: 'web',
    env,
    gitMetadata: 'off',
    vcs: { ...vcs, headSha: sha(String(details.size + 2)), headRef: name, baseSha: sha('1') },
  });
  await emulator.settleComparisons();
  if (approve) await emulator.approveSnapshot(head.artifactId!);
  const status = await getSnapshotStatus({ artifactId: head.artifactId!, env });
  details.set(name, status.detail);
}

beforeAll(async () => {
  temp = await createTempDir('verdict-agreement-');
  emulator = await startEmulator({ port: 0, dataDir: join(temp.path, 'emulator') });
  const base = join(temp.path, 'base');
  await writePng(join(base, 'home.png'), { ...size, seed: 1 });
  await writePng(join(base, 'settings.png'), { ...size, seed: 2 });
  await uploadSnapshots({
    path: base,
    appId: 'gate',
    project: 'web',
    env: { SENTRY_URL: emulator.url, SENTRY_AUTH_TOKEN: emulator.token, SENTRY_ORG: 'acme' },
    gitMetadata: 'off',
    vcs: { ...vcs, headSha: sha('1'), headRef: 'main' },
  });
  await uploadHead('unchanged', 2, false);
  await uploadHead('changed', 3, false);
  await uploadHead('approved', 4, true);
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await temp?.remove();
});

/** What each frontend says of one comparison: passed, or the error code it failed with. */
async function verdicts(name: string, failOnChanges: boolean) {
  const detail = details.get(name)!;
  const artifactId = detail.head_artifact_id;
  const env = { SENTRY_URL: emulator.url, SENTRY_AUTH_TOKEN: emulator.token, SENTRY_ORG: 'acme' };

  const sdk = await getSnapshotStatus({ artifactId, env, wait: true, failOnChanges });
  const cli = await runCli(
    ['status', artifactId, '--wait', ...(failOnChanges ? ['--fail-on-changes'] : [])],
    {
      env,
    },
  );
  // The action uploads before it waits: its comparison is answered with the same detail.
  emulator.faults.inject({
    method: 'GET',
    path: /\/preprodartifacts\/snapshots\/\d+\/$/,
    status: 200,
    body: detail,
    times: 5,
  });
  const action = bundleSkipReason
    ? undefined
    : await runBundle({
        cwd: join(temp.path, name),
        inputs: {
          path: '.',
          'app-id': 'gate-action',
          'auth-token': emulator.token,
          org: 'acme',
          project: 'web',
          url: emulator.url,
          'git-metadata': 'off',
          wait: 'true',
          'fail-on-changes': String(failOnChanges),
          'skip-on-missing-token': 'false',
        },
      });
  emulator.faults.clear();
  return {
    sdk: sdk.failure?.code ?? 'passed',
    cli: cli.code === 0 ? 'passed' : cli.code === 50 ? 'CHANGES_DETECTED' : `exit ${cli.code}: ${cli.stderr}`,
    action:
      action === undefined
        ? undefined
        : action.exitCode === 0
          ? 'passed'
          : /::error::Snapshot \d+ differs from its base/.test(action.stdout)
            ? 'CHANGES_DETECTED'
            : `exit ${action.exitCode}: ${action.stdout}`,
  };
}

describe('the gate, in every frontend', () => {
  it.each([
    ['unchanged', true, 'passed'],
    ['changed', true, 'CHANGES_DETECTED'],
    ['approved', true, 'passed'],
    ['changed', false, 'passed'],
    ['approved', false, 'passed'],
  ] as const)(
    'judges the %s comparison with fail-on-changes %s alike: %s',
    async (name, fail, expected) => {
      expect(details.get(name)?.approval_status ?? null).toBe(
        name === 'approved' ? 'approved' : name === 'changed' ? 'requires_approval' : null,
      );
      const said = await verdicts(name, fail);
      expect(said).toEqual({ sdk: expected, cli: expected, action: bundleSkipReason ? undefined : expected });
    },
    60_000,
  );
});
