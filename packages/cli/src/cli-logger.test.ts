import { describe, expect, it } from 'vitest';
import { createCliLogger } from './cli-logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (text: string) => lines.push(text) } };
}

describe('createCliLogger', () => {
  it('prints from its level up and remembers the warnings it showed', () => {
    const { lines, stream } = capture();
    const logger = createCliLogger(stream, 'warn');
    logger.debug('hidden');
    logger.info('hidden too');
    logger.warn('sidecar ignored', { key: 'a.png' });
    logger.error('broken');
    expect(lines).toEqual(['warning: sidecar ignored {"key":"a.png"}\n', 'error: broken\n']);
    expect([...logger.warned]).toEqual(['sidecar ignored']);
  });

  it('shows debug records at trace and debug', () => {
    const { lines, stream } = capture();
    createCliLogger(stream, 'trace').debug('git rev-parse HEAD', {});
    expect(lines).toEqual(['debug: git rev-parse HEAD\n']);
  });

  it('prints each record as one escaped line, fields included', () => {
    const { lines, stream } = capture();
    createCliLogger(stream, 'warn').warn('Skipped a\n::error::b\x1b[2J.png', { detail: 'x\u009by' });
    expect(lines).toEqual(['warning: Skipped a\\n::error::b\\x1b[2J.png {"detail":"x\\x9by"}\n']);
  });
});
