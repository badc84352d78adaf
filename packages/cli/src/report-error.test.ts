import { SnapshotsError } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { reportError } from './report-error.js';

function streams() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
  };
}

describe('reportError', () => {
  it('prints error and hint lines and answers the exit code', () => {
    const { out, stdout, stderr } = streams();
    const error = new SnapshotsError('UNAUTHORIZED', 'The token was refused (401).', {
      hint: 'Check the token.',
    });
    expect(reportError(error, { stdout, stderr, json: false, verbose: false })).toBe(30);
    expect(out).toEqual({
      stdout: '',
      stderr: 'error: The token was refused (401).\nhint: Check the token.\n',
    });
  });

  it('adds the error as JSON on stdout for --json', () => {
    const { out, stdout, stderr } = streams();
    const error = new SnapshotsError('NOT_FOUND', 'No project "x".', { status: 404 });
    reportError(error, { stdout, stderr, json: true, verbose: false });
    expect(JSON.parse(out.stdout)).toEqual({
      error: { code: 'NOT_FOUND', family: 'notFound', message: 'No project "x".', status: 404 },
      exitCode: 31,
    });
  });

  it('calls anything else unexpected (exit 1) and shows causes when verbose', () => {
    const { out, stdout, stderr } = streams();
    const error = new TypeError('boom', { cause: new Error('root cause') });
    expect(reportError(error, { stdout, stderr, json: true, verbose: true })).toBe(1);
    expect(out.stderr).toMatch(/^error: unexpected failure: boom$/m);
    expect(out.stderr).toMatch(/^hint: This is unexpected/m);
    expect(out.stderr).toMatch(/^debug: Error: root cause/m);
    expect(JSON.parse(out.stdout)).toMatchObject({
      error: { code: 'UNEXPECTED', message: 'boom' },
      exitCode: 1,
    });
  });

  it('prints a message, hint and causes from outside as escaped lines, frames kept as lines', () => {
    const { out, stdout, stderr } = streams();
    const error = new SnapshotsError('API_ERROR', 'Refused\x1b]0;pwned\x07\n::error::x', {
      hint: 'Ask\r\n::add-mask::y',
      cause: new Error('deep\n::warning::z'),
    });
    reportError(error, { stdout, stderr, json: false, verbose: true });
    expect(out.stderr).toContain('error: Refused\\x1b]0;pwned\\x07\\n::error::x\n');
    expect(out.stderr).toContain('hint: Ask\\r\\n::add-mask::y\n');
    expect(out.stderr).toContain('debug: Error: deep\\n::warning::z\n    at ');
    expect(out.stderr).not.toMatch(/^::/m);
    expect(out.stderr).not.toContain('\x1b');
  });
});
