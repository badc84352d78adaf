import { createSnapshotMessages } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { resolveUploadOptions } from './resolve-upload-options.js';

const sha = 'a'.repeat(40);

function failure(run: () => unknown): { code?: string; message: string; hint?: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string; hint?: string };
  }
  throw new Error('expected a failure');
}

describe('resolveUploadOptions', () => {
  it('takes the upload time limit from --upload-timeout, else SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT; 0 is none', () => {
    const limit = (flag: string | undefined, env: string | undefined) =>
      resolveUploadOptions(
        flag === undefined ? {} : { uploadTimeout: flag },
        env === undefined ? {} : { SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT: env },
      ).timeoutMs;
    expect(limit(undefined, undefined)).toBeUndefined();
    expect(limit(undefined, '')).toBeUndefined();
    expect(limit(undefined, '90')).toBe(90_000);
    expect(limit('1.5', '90')).toBe(1_500);
    expect(limit('0', '90')).toBeUndefined();
    expect(failure(() => limit(undefined, 'soon'))).toMatchObject({
      code: 'INVALID_OPTION',
      message: 'SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT must be a number of seconds, got "soon".',
    });
  });

  it('maps every flag to its SDK option', () => {
    const options = resolveUploadOptions(
      {
        org: 'acme',
        project: 'web',
        appId: 'app',
        authToken: 't',
        url: 'http://127.0.0.1:1/',
        header: ['X-A: 1'],
        diffThreshold: '0.05',
        selective: true,
        headSha: sha,
        baseSha: 'b'.repeat(40),
        vcsProvider: 'github',
        headRepoName: 'acme/web',
        baseRepoName: 'acme/web',
        headRef: 'feature',
        baseRef: 'main',
        prNumber: '12',
        forceGitMetadata: true,
        gitMetadata: true,
        dryRun: true,
        concurrency: '4',
      },
      {},
    );
    expect(options).toEqual({
      org: 'acme',
      project: 'web',
      appId: 'app',
      authToken: 't',
      url: 'http://127.0.0.1:1/',
      headers: { 'X-A': '1' },
      diffThreshold: 0.05,
      selective: true,
      vcs: {
        headSha: sha,
        baseSha: 'b'.repeat(40),
        provider: 'github',
        headRepoName: 'acme/web',
        baseRepoName: 'acme/web',
        headRef: 'feature',
        baseRef: 'main',
        prNumber: 12,
      },
      gitMetadata: 'force',
      dryRun: true,
      concurrency: 4,
    });
  });

  it('leaves out what was not given, and --no-git-metadata turns git off', () => {
    expect(resolveUploadOptions({ gitMetadata: false }, {})).toEqual({ gitMetadata: 'off' });
    expect(resolveUploadOptions({ gitMetadata: true }, {})).toEqual({ gitMetadata: 'auto' });
  });

  it('takes CUSTOM_HEADER when no --header is given, as sentry-cli does', () => {
    expect(resolveUploadOptions({}, { CUSTOM_HEADER: 'X-B: 2' }).headers).toEqual({ 'X-B': '2' });
    expect(resolveUploadOptions({ header: ['X-C: 3'] }, { CUSTOM_HEADER: 'X-B: 2' }).headers).toEqual({
      'X-C': '3',
    });
  });

  it.each([
    [{ diffThreshold: '1' }, createSnapshotMessages.diffThreshold, '--diff-threshold'],
    [{ diffThreshold: 'abc' }, createSnapshotMessages.diffThreshold, '--diff-threshold'],
    [{ diffThreshold: '-0.1' }, createSnapshotMessages.diffThreshold, '--diff-threshold'],
    [{ prNumber: '0' }, createSnapshotMessages.prNumber, '--pr-number'],
    [{ prNumber: '1.5' }, createSnapshotMessages.prNumber, '--pr-number'],
    [{ prNumber: '' }, createSnapshotMessages.prNumber, '--pr-number'],
    [
      { headSha: 'A'.repeat(40) },
      'The head_sha field must be a 40-character hexadecimal SHA1 string (no uppercase letters).',
      '--head-sha',
    ],
    [
      { baseSha: 'abc' },
      'The base_sha field must be a 40-character hexadecimal SHA1 string (no uppercase letters).',
      '--base-sha',
    ],
    [
      { headRef: 'x'.repeat(256) },
      'The head_ref field must be a string with maximum length of 255 characters.',
      '--head-ref',
    ],
    [{ vcsProvider: 'x'.repeat(256) }, createSnapshotMessages.provider, '--vcs-provider'],
  ])('refuses %j with the server message', (flags, message, flag) => {
    const error = failure(() => resolveUploadOptions(flags, {}));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain(flag);
    expect(error.message).toContain(message);
  });

  it.each(['0', '-2', '1.5', 'many'])('refuses --concurrency %j', (concurrency) => {
    const error = failure(() => resolveUploadOptions({ concurrency }, {}));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain('--concurrency');
  });
});
