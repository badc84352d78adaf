import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isSnapshotsError } from '@sentry-snapshots/core';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { downloadSnapshot, getSnapshotStatus, uploadSnapshots } from '../src/index.js';

const testbed = useTestEmulator(startEmulator);
const readEnv = () => testbed.env({ SENTRY_PROJECT: undefined });
/** A snapshot whose comparison waits for a base that never arrives. */
let waiting: string;

beforeAll(async () => {
  await writePng(join(testbed.dir, 'home.png'), { width: 6, height: 4, seed: 61 });
  const result = await uploadSnapshots({
    path: testbed.dir,
    appId: 'abort-sdk',
    env: testbed.env(),
    gitMetadata: 'off',
    vcs: { baseSha: 'b'.repeat(40), baseRepoName: 'acme/web' },
  });
  waiting = result.artifactId!;
});

afterEach(() => testbed.emulator.faults.clear());

/** The call's rejection, checked to be a SnapshotsError. */
async function rejection(call: Promise<unknown>): Promise<Error & { code: string; hint?: string }> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(isSnapshotsError(error), String(error)).toBe(true);
  return error as Error & { code: string; hint?: string };
}

describe('aborting an SDK call', () => {
  it('getSnapshotStatus: a timeout signal while waiting is ABORTED, not a TimeoutError', async () => {
    const error = await rejection(
      getSnapshotStatus({
        artifactId: waiting,
        env: readEnv(),
        wait: true,
        signal: AbortSignal.timeout(300),
      }),
    );
    expect(error).toMatchObject({ code: 'ABORTED', details: { artifactId: waiting } });
    expect(error.message).toBe(
      `Waiting for the comparison of snapshot ${waiting} was interrupted; the comparison goes on at Sentry.`,
    );
    expect(error.hint).toMatch(/safe/);
  });

  it('getSnapshotStatus: abort() after the first poll is ABORTED', async () => {
    const controller = new AbortController();
    const error = await rejection(
      getSnapshotStatus({
        artifactId: waiting,
        env: readEnv(),
        wait: true,
        signal: controller.signal,
        onPoll: () => controller.abort(),
      }),
    );
    expect(error.code).toBe('ABORTED');
  });

  it('getSnapshotStatus: abort() during a request held by the server is ABORTED', async () => {
    testbed.emulator.faults.inject({
      method: 'GET',
      path: `/snapshots/${waiting}/`,
      delayMs: 30_000,
      times: 1,
    });
    const controller = new AbortController();
    const call = getSnapshotStatus({
      artifactId: waiting,
      env: readEnv(),
      wait: true,
      signal: controller.signal,
    });
    while (testbed.emulator.faults.pending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const error = await rejection(call);
    expect(error.code).toBe('ABORTED');
    expect(error.message).toMatch(/^Waiting for the comparison of snapshot \d+ was interrupted/);
  });

  it('downloadSnapshot: a timeout signal while the archive builds is ABORTED, nothing written', async () => {
    testbed.emulator.faults.inject({
      method: 'GET',
      path: /\/archive\/$/,
      status: 200,
      body: { ready: false },
      times: 1000,
    });
    const cwd = await makeTempDir();
    const error = await rejection(
      downloadSnapshot({
        snapshotId: waiting,
        output: 'baseline',
        cwd,
        env: readEnv(),
        signal: AbortSignal.timeout(300),
      }),
    );
    expect(error).toMatchObject({ code: 'ABORTED', details: { artifactId: waiting, stage: 'building' } });
    expect(error.message).toBe(
      `The download of snapshot ${waiting} was interrupted while Sentry built its archive; nothing was written to ${join(cwd, 'baseline')}.`,
    );
    expect(await readdir(cwd)).toEqual([]);
  });

  it('downloadSnapshot: abort() while the archive downloads is ABORTED, and leaves no file', async () => {
    testbed.emulator.faults.inject({ method: 'GET', path: '?download', delayMs: 30_000, times: 1 });
    const output = await makeTempDir();
    const controller = new AbortController();
    const call = downloadSnapshot({
      snapshotId: waiting,
      output,
      env: readEnv(),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.kind === 'downloading') setTimeout(() => controller.abort(), 100);
      },
    });
    const error = await rejection(call);
    expect(error).toMatchObject({ code: 'ABORTED', details: { stage: 'downloading' } });
    expect(await readdir(output)).toEqual([]);
  });
});
