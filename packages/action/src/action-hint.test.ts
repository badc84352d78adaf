import { SnapshotsError } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { actionHint } from './action-hint.js';

describe('actionHint', () => {
  it('names inputs where the CLI’s hint names flags', () => {
    const hint = (code: 'UNAUTHORIZED' | 'CONFLICTING_CONFIG' | 'NAMES_FILE_UNREADABLE', text: string) =>
      actionHint(new SnapshotsError(code, 'message', { hint: text }));
    expect(hint('UNAUTHORIZED', 'Check the token (SENTRY_AUTH_TOKEN or --auth-token).')).toBe(
      'Check the token (SENTRY_AUTH_TOKEN or the "auth-token" input).',
    );
    expect(hint('CONFLICTING_CONFIG', 'Drop -o/--org, or use another token.')).toBe(
      'Drop the "org" input, or use another token.',
    );
    expect(hint('NAMES_FILE_UNREADABLE', 'Check the path given to --all-image-file-names-file.')).toBe(
      'Check the path given to the "all-image-file-names-file" input.',
    );
    expect(hint('UNAUTHORIZED', 'Raise --timeout.')).toBe('Raise --timeout.');
  });

  it('rewrites the hints that speak of the CLI and the SDK at once', () => {
    const error = new SnapshotsError('MISSING_PROJECT', 'No Sentry project was given.', {
      hint: 'Pass -p/--project (CLI) or the project option (SDK), or set SENTRY_PROJECT.',
    });
    expect(actionHint(error)).toBe('Set the "project" input, or SENTRY_PROJECT in the step env.');
    expect(actionHint(new SnapshotsError('API_ERROR', 'no hint'))).toBeUndefined();
  });
});
