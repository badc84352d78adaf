import { spellOptionError } from '@sentry-snapshots/core';
import { createSnapshotMessages } from '@sentry-snapshots/core/contract';
import { describe, expect, it } from 'vitest';
import { resolveUploadOptions } from './resolve-upload-options.js';
import { cliSpelling } from './table-options.js';

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
  it('maps --upload-timeout to the SDK upload time limit (the SDK reads SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT)', () => {
    const limit = (flag: string | undefined) =>
      resolveUploadOptions(flag === undefined ? {} : { uploadTimeout: flag }, {}).uploadTimeoutMs;
    expect(limit(undefined)).toBeUndefined();
    expect(limit('1.5')).toBe(1_500);
    expect(limit('15m')).toBe(900_000);
    expect(limit('0')).toBe(0);
    expect(failure(() => limit('soon'))).toMatchObject({ code: 'INVALID_OPTION', option: 'uploadTimeout' });
  });

  it('maps every flag to its SDK option', () => {
    const options = resolveUploadOptions(
      {
        org: 'acme',
        project: 'web',
        appId: 'app',
        authToken: 't',
        url: 'http://127.0.0.1:1/',
        headers: ['X-A: 1'],
        diffThreshold: '0.05',
        selective: true,
        headSha: sha,
        baseSha: 'b'.repeat(40),
        provider: 'github',
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

  it('treats a blank value as not given, as the action does an unset input', () => {
    expect(resolveUploadOptions({ prNumber: ' ', appId: '' }, {})).toEqual({ gitMetadata: 'auto' });
  });

  it('leaves out what was not given, and --no-git-metadata turns git off', () => {
    expect(resolveUploadOptions({ gitMetadata: false }, {})).toEqual({ gitMetadata: 'off' });
    expect(resolveUploadOptions({ gitMetadata: true }, {})).toEqual({ gitMetadata: 'auto' });
  });

  it('takes CUSTOM_HEADER when no --header is given, as sentry-cli does', () => {
    expect(resolveUploadOptions({}, { CUSTOM_HEADER: 'X-B: 2' }).headers).toEqual({ 'X-B': '2' });
    expect(resolveUploadOptions({ headers: ['X-C: 3'] }, { CUSTOM_HEADER: 'X-B: 2' }).headers).toEqual({
      'X-C': '3',
    });
  });

  it.each([
    [{ diffThreshold: '1' }, createSnapshotMessages.diffThreshold, '--diff-threshold'],
    [{ diffThreshold: 'abc' }, createSnapshotMessages.diffThreshold, '--diff-threshold'],
    [{ diffThreshold: '-0.1' }, createSnapshotMessages.diffThreshold, '--diff-threshold'],
    [{ prNumber: '0' }, createSnapshotMessages.prNumber, '--pr-number'],
    [{ prNumber: '1.5' }, createSnapshotMessages.prNumber, '--pr-number'],
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
    [{ provider: 'x'.repeat(256) }, createSnapshotMessages.provider, '--vcs-provider'],
  ])('refuses %j with the server message, naming the flag', (flags, message, flag) => {
    const error = spellOptionError(
      failure(() => resolveUploadOptions(flags, {})),
      cliSpelling,
    ) as ReturnType<typeof failure>;
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain(flag);
    expect(error.message).toContain(message);
  });

  it.each(['0', '-2', '1.5', 'many'])('refuses --concurrency %j', (concurrency) => {
    const error = spellOptionError(
      failure(() => resolveUploadOptions({ concurrency }, {})),
      cliSpelling,
    ) as ReturnType<typeof failure>;
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain('--concurrency');
  });
});
