import { readFileSync } from 'node:fs';
import { isSnapshotsError, optionTable, SnapshotsError, spellOptionError } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionOptionKeys, actionSpelling, inputEnvName, readActionInputs } from './action-inputs.js';

const base = { INPUT_PATH: 'screenshots', 'INPUT_APP-ID': 'web' };

function failure(env: Record<string, string>): string {
  try {
    readActionInputs({ ...base, ...env });
  } catch (error) {
    const spelled = spellOptionError(error, actionSpelling);
    if (isSnapshotsError(spelled)) return `${spelled.code}: ${spelled.message}`;
    throw error;
  }
  throw new Error('expected the inputs to be refused');
}

describe('readActionInputs', () => {
  it('reads the runner-style variables, dashes kept, with the defaults of action.yml', () => {
    const inputs = readActionInputs(base);
    expect(inputs).toMatchObject({
      mode: 'upload',
      path: ['screenshots'],
      appId: 'web',
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
    expect(inputs.authToken).toBeUndefined();
    expect(inputs.headers).toBeUndefined();
    expect(inputs.vcs).toEqual({});
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
      allImageFileNames: ['a.png', 'b.png', 'c/d.png'],
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
    const unset = readActionInputs(base);
    expect([unset.httpTimeout, unset.uploadTimeout]).toEqual([undefined, undefined]);
    expect(
      readActionInputs({ ...base, 'INPUT_HTTP-TIMEOUT': '5s', 'INPUT_UPLOAD-TIMEOUT': '15m' }),
    ).toMatchObject({ httpTimeout: 5_000, uploadTimeout: 900_000 });
    expect(failure({ 'INPUT_UPLOAD-TIMEOUT': 'soon' })).toBe(
      'INVALID_OPTION: Invalid input upload-timeout "soon": must be a duration in seconds, or with a unit: 90s, 10m, 1h',
    );
  });

  it('waits whenever the comment depends on the comparison (the SDK waits for fail-on-changes)', () => {
    expect(readActionInputs({ ...base, INPUT_COMMENT: 'on-changes' }).wait).toBe(true);
    expect(readActionInputs({ ...base, INPUT_COMMENT: 'always' }).wait).toBe(false);
    expect(readActionInputs({ ...base, 'INPUT_FAIL-ON-CHANGES': 'true' }).failOnChanges).toBe(true);
  });

  it('refuses a bad input with a message that names it, in the server’s words where it has them', () => {
    expect(failure({ 'INPUT_APP-ID': '' })).toBe('MISSING_OPTION: Input "app-id" is required.');
    expect(failure({ 'INPUT_APP-ID': 'x'.repeat(256) })).toMatch(
      /^INVALID_OPTION: Invalid input app-id "x+…: The app_id field is required and must be a string with maximum length of 255 characters\./,
    );
    expect(failure({ 'INPUT_DIFF-THRESHOLD': '1' })).toBe(
      'INVALID_OPTION: Invalid input diff-threshold "1": The diff_threshold field must be a number greater than or equal to 0 and less than 1.',
    );
    expect(failure({ 'INPUT_DIFF-THRESHOLD': 'lots' })).toBe(
      'INVALID_OPTION: Invalid input diff-threshold "lots": The diff_threshold field must be a number greater than or equal to 0 and less than 1.',
    );
    expect(failure({ 'INPUT_PR-NUMBER': '0' })).toBe(
      'INVALID_OPTION: Invalid input pr-number "0": The pr_number field must be a positive integer.',
    );
    expect(failure({ 'INPUT_BASE-SHA': 'A'.repeat(40) })).toContain(
      'The base_sha field must be a 40-character hexadecimal SHA1 string (no uppercase letters).',
    );
    expect(failure({ 'INPUT_HEAD-REF': 'r'.repeat(256) })).toContain(
      'The head_ref field must be a string with maximum length of 255 characters.',
    );
    expect(failure({ INPUT_SELECTIVE: 'yes' })).toBe(
      'INVALID_OPTION: Invalid input selective "yes": must be true or false',
    );
    expect(failure({ INPUT_COMMENT: 'sometimes' })).toBe(
      'INVALID_OPTION: Invalid input comment "sometimes": must be one of off, on-changes, always',
    );
    expect(failure({ 'INPUT_WAIT-TIMEOUT': 'soon' })).toBe(
      'INVALID_OPTION: Invalid input wait-timeout "soon": must be a duration in seconds, or with a unit: 90s, 10m, 1h',
    );
    expect(failure({ INPUT_URL: 'ftp://sentry.example' })).toBe(
      'INVALID_OPTION: Invalid input url "ftp://sentry.example": must be an http(s) URL such as https://sentry.io/',
    );
  });

  it('never echoes a secret back', () => {
    const message = failure({ INPUT_HEADERS: 'Authorization Bearer s3cret' });
    expect(message).toBe(
      'INVALID_OPTION: Invalid input headers: expected KEY:VALUE, with a valid HTTP header name as the key',
    );
  });

  it('tells how to set an option in a workflow', () => {
    const error = spellOptionError(
      new SnapshotsError('MISSING_AUTH_TOKEN', 'No Sentry auth token was given.', { option: 'authToken' }),
      actionSpelling,
    );
    expect(error).toMatchObject({
      hint: 'Set the "auth-token" input from a secret (or SENTRY_AUTH_TOKEN in the step\'s env).',
    });
  });

  it('asks for the inputs each mode needs, and reads folders and shards one per line', () => {
    expect(failure({ INPUT_MODE: 'shard' })).toBe(
      'MISSING_OPTION: Input "shard-file" is required with mode shard.',
    );
    expect(failure({ INPUT_MODE: 'finalize' })).toBe(
      'MISSING_OPTION: Input "shards" is required with mode finalize.',
    );
    expect(failure({ INPUT_MODE: 'merge' })).toMatch(
      /^INVALID_OPTION: Invalid input mode "merge": must be one of upload, shard, finalize/,
    );
    expect(
      readActionInputs({
        INPUT_MODE: 'finalize',
        INPUT_SHARDS: 'shards/a.json\n\nshards/b, c.json\n',
        'INPUT_EXPECT-SHARDS': '2',
      }),
    ).toMatchObject({
      mode: 'finalize',
      shards: ['shards/a.json', 'shards/b, c.json'],
      expectShards: 2,
      path: [],
      appId: '',
    });
    expect(
      readActionInputs({
        ...base,
        INPUT_PATH: 'app/build=app\nfeature/build=feature',
        INPUT_COMMENT: 'on-changes',
        INPUT_MODE: 'shard',
        'INPUT_SHARD-FILE': 'shard.json',
      }),
    ).toMatchObject({
      path: ['app/build=app', 'feature/build=feature'],
      shardOut: 'shard.json',
      wait: false,
    });
  });

  it('reads exactly the inputs that action.yml declares, with the same defaults', () => {
    const manifest = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { default?: string; required?: boolean }>;
    };
    const tableInputs = actionOptionKeys.map((key) => optionTable[key].input);
    expect(Object.keys(manifest.inputs).sort()).toEqual([...tableInputs].sort());
    expect(
      Object.entries(manifest.inputs)
        .filter(([, input]) => input.required)
        .map(([name]) => name)
        .sort(),
    ).toEqual([]);

    const defaults = Object.fromEntries(
      Object.entries(manifest.inputs)
        // The runner fills this one from the workflow's context.
        .filter(([name, input]) => input.default !== undefined && name !== 'github-token')
        .map(([name, input]) => [inputEnvName(name), String(input.default)]),
    );
    expect(Object.keys(defaults).length).toBeGreaterThan(5);
    expect(readActionInputs({ ...base, ...defaults })).toEqual(readActionInputs(base));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression both hold
    expect(manifest.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(optionTable.githubToken.default).toBe(manifest.inputs['github-token']?.default);
  });
});
