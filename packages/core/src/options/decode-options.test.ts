import { describe, expect, expectTypeOf, it } from 'vitest';
import { SnapshotsError } from '../errors.js';
import { decodeOptions } from './decode-options.js';
import { spellOptionError } from './spell-option-error.js';

describe('decodeOptions', () => {
  it('turns text, switches and lists into typed values; blank text is not given', () => {
    const values = decodeOptions(
      ['diffThreshold', 'selective', 'waitTimeout', 'headers', 'allImageFileNames', 'org', 'prNumber'],
      {
        diffThreshold: '0.05',
        selective: 'true',
        waitTimeout: '10m',
        headers: ['X-One: 1', 'X-Url:https://a.example/b'],
        allImageFileNames: 'a.png, b.png\nc.png,,',
        org: '  ',
        prNumber: '12',
      },
    );
    expect(values).toEqual({
      diffThreshold: 0.05,
      selective: true,
      waitTimeout: 600_000,
      headers: { 'X-One': '1', 'X-Url': 'https://a.example/b' },
      allImageFileNames: ['a.png', 'b.png', 'c.png'],
      prNumber: 12,
    });
    expectTypeOf(values.diffThreshold).toEqualTypeOf<number | undefined>();
    expectTypeOf(values.headers).toEqualTypeOf<Record<string, string> | undefined>();
    expect(decodeOptions(['selective', 'wait'], { selective: true, wait: 'false' })).toEqual({
      selective: true,
      wait: false,
    });
    expect(decodeOptions(['headers'], { headers: 'X-A: 1\n\nX-B: 2\n' })).toEqual({
      headers: { 'X-A': '1', 'X-B': '2' },
    });
  });

  it("refuses a bad value with the server's own rule, naming the option", () => {
    expect(() => decodeOptions(['diffThreshold'], { diffThreshold: '1' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        option: 'diffThreshold',
        message:
          'Invalid diffThreshold "1": The diff_threshold field must be a number greater than or equal to 0 and less than 1.',
      }),
    );
    expect(() => decodeOptions(['baseSha'], { baseSha: 'ABC' })).toThrow(/40-character hexadecimal/);
    expect(() => decodeOptions(['waitTimeout'], { waitTimeout: 'soon' })).toThrow(/90s, 10m, 1h/);
    expect(() => decodeOptions(['concurrency'], { concurrency: '0' })).toThrow(/at least 1/);
    expect(() => decodeOptions(['gitMetadata'], { gitMetadata: 'maybe' })).toThrow(/auto, force, off/);
    expect(() => decodeOptions(['wait'], { wait: 'yes' })).toThrow(/true or false/);
  });

  it('reads a fraction from 0 to 1, both included, and refuses anything else', () => {
    for (const [text, value] of [
      ['0', 0],
      ['1', 1],
      [' 0.25 ', 0.25],
    ] as const)
      expect(decodeOptions(['colorThreshold'], { colorThreshold: text })).toEqual({ colorThreshold: value });
    for (const text of ['1.5', '-0.1', 'abc', 'Infinity']) {
      expect(() => decodeOptions(['colorThreshold'], { colorThreshold: text })).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTION',
          option: 'colorThreshold',
          message: `Invalid colorThreshold "${text}": must be a number from 0 to 1`,
        }),
      );
    }
  });

  it('never echoes a secret, and collects every problem when asked to', () => {
    const problems: SnapshotsError[] = [];
    const values = decodeOptions(
      ['headers', 'prNumber', 'org'],
      { headers: 'Authorization Bearer secret', prNumber: '0', org: 'acme' },
      problems,
    );
    expect(values).toEqual({ org: 'acme' });
    expect(problems.map((problem) => problem.option)).toEqual(['headers', 'prNumber']);
    expect(problems[0]?.message).not.toContain('secret');
    expect(problems[0]?.details).not.toHaveProperty('value');
  });
});

describe('spellOptionError', () => {
  const cli = {
    name: (_key: string, spec: { flag?: string }) => spec.flag,
    howToSet: (_key: string, spec: { flag?: string; env?: string }) =>
      spec.flag && `Pass ${spec.flag}${spec.env ? ` or set ${spec.env}` : ''}`,
  };

  it('names the option as the frontend spells it and starts the hint with how to set it', () => {
    let error: unknown;
    try {
      decodeOptions(['prNumber'], { prNumber: 'x' });
    } catch (caught) {
      error = caught;
    }
    expect(spellOptionError(error, cli)).toMatchObject({
      code: 'INVALID_OPTION',
      message: 'Invalid --pr-number "x": The pr_number field must be a positive integer.',
      hint: 'Pass --pr-number or set SENTRY_SNAPSHOTS_PR_NUMBER.',
    });
    const missing = new SnapshotsError('MISSING_AUTH_TOKEN', 'No Sentry auth token was given.', {
      option: 'authToken',
      hint: 'Create one in Sentry.',
    });
    expect(spellOptionError(missing, cli)).toMatchObject({
      message: 'No Sentry auth token was given.',
      hint: 'Pass --auth-token or set SENTRY_AUTH_TOKEN. Create one in Sentry.',
    });
  });

  it('leaves other errors, and options the frontend cannot set, as they are', () => {
    const plain = new SnapshotsError('NO_IMAGES', 'none');
    expect(spellOptionError(plain, cli)).toBe(plain);
    const actionOnly = new SnapshotsError('INVALID_OPTION', 'bad', { option: 'comment' });
    expect(spellOptionError(actionOnly, cli)).toBe(actionOnly);
  });
});
