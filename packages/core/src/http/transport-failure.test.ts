import { describe, expect, it } from 'vitest';
import { classifyTransportError, transportError } from './transport-failure.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('classifyTransportError', () => {
  it('tells connect failures, broken connections, response timeouts and aborts apart', () => {
    expect(classifyTransportError(withCode('x', 'ECONNREFUSED'), undefined).kind).toBe('connect');
    expect(classifyTransportError(withCode('x', 'UND_ERR_CONNECT_TIMEOUT'), undefined).kind).toBe('connect');
    expect(classifyTransportError(withCode('other side closed', 'UND_ERR_SOCKET'), undefined).kind).toBe(
      'connection',
    );
    expect(
      classifyTransportError(new Error('wrapped', { cause: withCode('reset', 'ECONNRESET') }), undefined)
        .kind,
    ).toBe('connection');
    expect(classifyTransportError(withCode('x', 'UND_ERR_HEADERS_TIMEOUT'), undefined).kind).toBe(
      'response-timeout',
    );
    expect(classifyTransportError(withCode('x', 'ENOTFOUND'), undefined).kind).toBe('other');
    expect(classifyTransportError(withCode('x', 'ECONNRESET'), AbortSignal.abort()).kind).toBe('aborted');
  });
});

describe('transportError', () => {
  const url = 'https://sentry.example:8443/api/0/';

  it('names the host and the cause once', () => {
    const refused = transportError(
      classifyTransportError(withCode('connect ECONNREFUSED 10.0.0.1:8443', 'ECONNREFUSED'), undefined),
      url,
    );
    expect(refused).toMatchObject({
      code: 'NETWORK_ERROR',
      details: { host: 'sentry.example:8443', cause: 'ECONNREFUSED' },
    });
    expect(refused.message).toBe('Could not reach sentry.example:8443: connect ECONNREFUSED 10.0.0.1:8443.');
    expect(refused.hint).toMatch(
      /^Is the server at https:\/\/sentry\.example:8443 running, and is that the right URL\? If it is, behind a proxy/,
    );
    expect(transportError(classifyTransportError(withCode('', 'EHOSTUNREACH'), undefined), url).message).toBe(
      'Could not reach sentry.example:8443: EHOSTUNREACH.',
    );
    expect(
      transportError(classifyTransportError(withCode('gone', 'ENOTFOUND'), undefined), url).message,
    ).toBe('Could not reach sentry.example:8443: gone (ENOTFOUND).');
  });

  it('reports timeouts as TIMEOUT and aborts as ABORTED', () => {
    expect(
      transportError(classifyTransportError(withCode('x', 'UND_ERR_CONNECT_TIMEOUT'), undefined), url).code,
    ).toBe('TIMEOUT');
    expect(transportError(classifyTransportError(new Error('x'), AbortSignal.abort()), url).code).toBe(
      'ABORTED',
    );
  });
});
