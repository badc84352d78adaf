import type { Clock, Logger } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { createProgressLog } from './progress-log.js';

describe('createProgressLog', () => {
  it('logs each finished phase once and running phases at most every five seconds', () => {
    const lines: string[] = [];
    const logger: Logger = { debug() {}, info: (line) => lines.push(line), warn() {}, error() {} };
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async () => {} };
    const log = createProgressLog(logger, clock);

    log({ phase: 'store', done: 1, total: 4, bytes: 0 });
    now = 6000;
    log({ phase: 'store', done: 2, total: 4, bytes: 3 * 1024 * 1024 });
    log({ phase: 'store', done: 3, total: 4, bytes: 0 });
    log({ phase: 'store', done: 4, total: 4, bytes: 4 * 1024 * 1024 });
    log({ phase: 'store', done: 4, total: 4, bytes: 0 });
    log({ phase: 'create', done: 1, total: 1, bytes: 0 });

    expect(lines).toEqual(['store: 2/4, 3.0 MiB', 'store: 4/4 done, 4.0 MiB', 'create: 1/1 done']);
  });
});
