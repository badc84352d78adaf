import { describe, expect, it } from 'vitest';
import { describeSettings } from './describe-settings.js';

describe('describeSettings', () => {
  it('lists what is set, given or from its variable, with secrets masked', () => {
    const settings = describeSettings(
      {
        org: 'acme',
        authToken: 'sntrys_abcdefghijklmnopqrstuvwxyz',
        headers: { 'X-Tenant': 'secret' },
        gitMetadata: 'auto',
      },
      { SENTRY_ORG: 'ignored', SENTRY_PROJECT: 'web', SENTRY_HTTP_TIMEOUT: '30', CUSTOM_HEADER: '' },
    );
    expect(settings).toEqual([
      { option: 'authToken', source: 'given', value: 'sntrys_…wxyz' },
      { option: 'org', source: 'given', value: 'acme' },
      { option: 'project', source: 'env', env: 'SENTRY_PROJECT', value: 'web' },
      { option: 'headers', source: 'given', value: 'X-Tenant (values hidden)' },
      { option: 'httpTimeout', source: 'env', env: 'SENTRY_HTTP_TIMEOUT', value: '30' },
    ]);
    expect(JSON.stringify(settings)).not.toContain('secret');
  });

  it('hides a header value given as a variable too', () => {
    expect(describeSettings({}, { CUSTOM_HEADER: 'Authorization: Bearer s3cret' })).toEqual([
      { option: 'headers', source: 'env', env: 'CUSTOM_HEADER', value: 'Authorization (values hidden)' },
    ]);
  });
});
