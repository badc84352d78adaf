import { describe, expect, it } from 'vitest';
import { describeProxy } from './describe-proxy.js';

describe('describeProxy', () => {
  it('names the HTTPS proxy for an https URL and hides its password', () => {
    expect(
      describeProxy(
        { HTTPS_PROXY: 'http://me:secret@proxy.corp:3128', HTTP_PROXY: 'http://plain.corp:80' },
        'https://sentry.io/',
      ),
    ).toEqual({
      httpProxy: 'http://plain.corp/',
      httpsProxy: 'http://me:***@proxy.corp:3128/',
      forUrl: 'http://me:***@proxy.corp:3128/',
    });
  });

  it('falls back to a configured proxy URL under the variables', () => {
    const configured = 'http://ci:secret@proxy.corp:3128';
    expect(describeProxy({}, 'https://sentry.io/', configured)).toEqual({
      httpProxy: 'http://ci:***@proxy.corp:3128/',
      httpsProxy: 'http://ci:***@proxy.corp:3128/',
      forUrl: 'http://ci:***@proxy.corp:3128/',
    });
    expect(describeProxy({ https_proxy: 'http://env:1' }, 'https://sentry.io/', configured).forUrl).toBe(
      'http://env:1/',
    );
  });

  it('prefers lower-case variables, as curl does', () => {
    expect(
      describeProxy({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, 'https://sentry.io/')
        .forUrl,
    ).toBe('http://lower:1/');
  });

  it.each([
    ['*', 'https://sentry.io/'],
    ['sentry.io', 'https://us.sentry.io/'],
    ['.sentry.io', 'https://sentry.io/'],
    ['*.example.com, sentry.io:443', 'https://sentry.io/'],
    ['localhost,127.0.0.1', 'http://127.0.0.1:9000/'],
  ])('goes direct when NO_PROXY=%s covers %s', (noProxy, url) => {
    const proxy = describeProxy(
      { HTTP_PROXY: 'http://p:1', HTTPS_PROXY: 'http://p:1', NO_PROXY: noProxy },
      url,
    );
    expect(proxy.forUrl).toBeNull();
    expect(proxy.noProxy).toBe(noProxy);
  });

  it('uses the proxy when NO_PROXY names another host or port', () => {
    const env = { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'notsentry.io,sentry.io:8443' };
    expect(describeProxy(env, 'https://sentry.io/').forUrl).toBe('http://p:1/');
  });

  it('is direct without proxy variables', () => {
    expect(describeProxy({}, 'https://sentry.io/')).toEqual({ forUrl: null });
  });
});
