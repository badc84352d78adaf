import { SnapshotsError } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { asInterruption } from './interruption.js';
import { runProgram } from './program.js';

describe('asInterruption', () => {
  it("keeps core's own account of an abort", () => {
    const aborted = new SnapshotsError(
      'ABORTED',
      'Waiting for the comparison of snapshot 1 was interrupted.',
      {
        hint: 'Wait again.',
      },
    );
    expect(asInterruption(aborted)).toBe(aborted);
  });

  it('gives an abort without a hint the hint that a rerun is safe', () => {
    const aborted = new SnapshotsError('ABORTED', 'The comparison was aborted.');
    expect(asInterruption(aborted)).toMatchObject({
      code: 'ABORTED',
      message: 'The comparison was aborted.',
      hint: expect.stringMatching(/again/),
    });
  });

  it('turns any other end into an interrupt that keeps it as its cause', () => {
    const raw = new Error('Interrupted (SIGINT)');
    expect(asInterruption(raw)).toMatchObject({ code: 'ABORTED', family: 'aborted', cause: raw });
  });
});

describe('runProgram after Ctrl-C', () => {
  it('exits 130 whatever the command failed with, not its own code', async () => {
    const controller = new AbortController();
    controller.abort(new Error('Interrupted (SIGINT)'));
    let stderr = '';
    const code = await runProgram(['status', 'not-a-number'], {
      env: {},
      cwd: process.cwd(),
      home: undefined,
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      signal: controller.signal,
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(/^error: Interrupted before the command finished\.\nhint: .*again/);
  });
});
