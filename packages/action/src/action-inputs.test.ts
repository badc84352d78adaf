import { readFileSync } from 'node:fs';
import { isSnapshotsError } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inputEnvName, inputNames, readActionInputs } from './action-inputs.js';

const base = { INPUT_PATH: 'screenshots', 'INPUT_APP-ID': 'web' };

function failure(env: Record<string, string>): string {
  try {
    readActionInputs({ ...base, ...env });
  } catch (error) {
    if (isSnapshotsError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected the inputs to be refused');
}

describe('readActionInputs', () => {
  it('reads the runner-style variables, dashes kept, with the defaults of action.yml', () => {
    const inputs = readActionInputs(base);
    expect(inputs).toMatchObject({
      path: 'screenshots',
      appId: 'web',
      authToken: undefined,
      headers: {},
      selective: false,
      gitMetadata: 'auto',
      wait: false,
      waitTimeoutMs: 600_000,
      failOnChanges: false,
      failOnError: true,
      comment: 'off',
      workingDirectory: '.',
      skipOnMissingToken: true,
    });
    expect(inputs.vcs).toEqual({
      headSha: undefined,
      baseSha: undefined,
      provider: undefined,
      headRepoName: undefined,
      baseRepoName: undefined,
      headRef: undefined,
      baseRef: undefined,
      prNumber: undefined,
    });
    expect(inputEnvName('all-image-file-names-file')).toBe('INPUT_ALL-IMAGE-FILE-NAMES-FILE');
  });

  it('converts every kind of value', () => {
    const sha = 'a'.repeat(40);
    const inputs = readActionInputs({
      ...base,
      'INPUT_DIFF-THRESHOLD': '0.01',
      INPUT_SELECTIVE: 'True',
      'INPUT_ALL-IMAGE-FILE-NAMES': 'a.png, b.png\nc/d.png\n',
      'INPUT_HEAD-SHA': sha,
      'INPUT_PR-NUMBER': '42',
      INPUT_HEADERS: 'X-One: 1\n\nX-Two:two:parts',
      'INPUT_WAIT-TIMEOUT': '90s',
      'INPUT_FAIL-ON-ERROR': 'FALSE',
      INPUT_COMMENT: 'always',
      'INPUT_GIT-METADATA': 'off',
    });
    expect(inputs).toMatchObject({
      diffThreshold: 0.01,
      selective: true,
      allImageFileNames: 'a.png, b.png,c/d.png',
      headers: { 'X-One': '1', 'X-Two': 'two:parts' },
      waitTimeoutMs: 90_000,
      failOnError: false,
      comment: 'always',
      gitMetadata: 'off',
    });
    expect(inputs.vcs).toMatchObject({ headSha: sha, prNumber: 42 });
    expect(readActionInputs({ ...base, 'INPUT_WAIT-TIMEOUT': '10m' }).waitTimeoutMs).toBe(600_000);
    expect(readActionInputs({ ...base, 'INPUT_WAIT-TIMEOUT': '120' }).waitTimeoutMs).toBe(120_000);
  });

  it('reads the HTTP timeout and the upload time limit as durations, unset when empty', () => {
    expect(readActionInputs(base)).toMatchObject({ httpTimeoutMs: undefined, uploadTimeoutMs: undefined });
    expect(
      readActionInputs({ ...base, 'INPUT_HTTP-TIMEOUT': '5s', 'INPUT_UPLOAD-TIMEOUT': '15m' }),
    ).toMatchObject({ httpTimeoutMs: 5_000, uploadTimeoutMs: 900_000 });
    expect(failure({ 'INPUT_HTTP-TIMEOUT': '0' })).toContain(
      'Input "http-timeout" must be a positive duration',
    );
    expect(failure({ 'INPUT_UPLOAD-TIMEOUT': 'soon' })).toContain(
      'Input "upload-timeout" must be a positive duration',
    );
  });

  it('waits whenever the verdict or the comment depends on the comparison', () => {
    expect(readActionInputs({ ...base, 'INPUT_FAIL-ON-CHANGES': 'true' }).wait).toBe(true);
    expect(readActionInputs({ ...base, INPUT_COMMENT: 'on-changes' }).wait).toBe(true);
    expect(readActionInputs({ ...base, INPUT_COMMENT: 'always' }).wait).toBe(false);
  });

  it('refuses a bad input with a message that names it, in the server’s words where it has them', () => {
    expect(failure({ 'INPUT_APP-ID': '' })).toBe('INVALID_OPTION: Input "app-id" is required');
    expect(failure({ 'INPUT_APP-ID': 'x'.repeat(256) })).toMatch(
      /^INVALID_OPTION: Input "app-id" is invalid: The app_id field is required and must be a string with maximum length of 255 characters\./,
    );
    expect(failure({ 'INPUT_DIFF-THRESHOLD': '1' })).toBe(
      'INVALID_OPTION: Input "diff-threshold" is invalid: The diff_threshold field must be a number greater than or equal to 0 and less than 1. (got "1")',
    );
    expect(failure({ 'INPUT_DIFF-THRESHOLD': 'lots' })).toBe(
      'INVALID_OPTION: Input "diff-threshold" must be a number (got "lots")',
    );
    expect(failure({ 'INPUT_PR-NUMBER': '0' })).toBe(
      'INVALID_OPTION: Input "pr-number" is invalid: The pr_number field must be a positive integer. (got "0")',
    );
    expect(failure({ 'INPUT_BASE-SHA': 'A'.repeat(40) })).toContain(
      'Input "base-sha" is invalid: The base_sha field must be a 40-character hexadecimal SHA1 string (no uppercase letters).',
    );
    expect(failure({ 'INPUT_HEAD-REF': 'r'.repeat(256) })).toContain(
      'Input "head-ref" is invalid: The head_ref field must be a string with maximum length of 255 characters.',
    );
    expect(failure({ INPUT_SELECTIVE: 'yes' })).toBe(
      'INVALID_OPTION: Input "selective" must be true or false (got "yes")',
    );
    expect(failure({ INPUT_COMMENT: 'sometimes' })).toBe(
      'INVALID_OPTION: Input "comment" must be off, on-changes or always (got "sometimes")',
    );
    expect(
      failure({ 'INPUT_ALL-IMAGE-FILE-NAMES': 'a.png', 'INPUT_ALL-IMAGE-FILE-NAMES-FILE': 'names.txt' }),
    ).toBe(
      'INVALID_OPTION: Input "all-image-file-names-file" cannot be used together with all-image-file-names: give the names inline or in a file (got "names.txt")',
    );
    expect(failure({ 'INPUT_WAIT-TIMEOUT': '0' })).toContain(
      'Input "wait-timeout" must be a positive duration',
    );
    expect(failure({ INPUT_URL: 'ftp://sentry.example' })).toContain('Input "url" must be an http(s) URL');
  });

  it('never echoes a secret back', () => {
    const message = failure({ INPUT_HEADERS: 'Authorization Bearer s3cret' });
    expect(message).toBe('INVALID_OPTION: Input "headers" must hold one KEY:VALUE per line');
  });

  it('reads exactly the inputs that action.yml declares, with the same defaults', () => {
    const manifest = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    expect(Object.keys(manifest.inputs).sort()).toEqual([...inputNames].sort());

    const defaults = Object.fromEntries(
      Object.entries(manifest.inputs)
        // The runner fills this one from the workflow's context.
        .filter(([name, input]) => input.default !== undefined && name !== 'github-token')
        .map(([name, input]) => [inputEnvName(name), String(input.default)]),
    );
    expect(Object.keys(defaults).length).toBeGreaterThan(5);
    expect(readActionInputs({ ...base, ...defaults })).toEqual(readActionInputs(base));
  });
});
