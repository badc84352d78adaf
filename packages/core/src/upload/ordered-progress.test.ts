import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../progress.js';
import { createOrderedProgress } from './ordered-progress.js';

const event = (phase: ProgressEvent['phase'], done: number, total: number): ProgressEvent => ({
  phase,
  done,
  total,
  bytes: 0,
});

describe('createOrderedProgress', () => {
  it('holds the newest event of a later phase until the earlier ones complete', () => {
    const seen: ProgressEvent[] = [];
    const progress = createOrderedProgress((e) => seen.push(e), ['hash', 'check', 'store']);
    progress.update(event('hash', 1, 3));
    progress.update(event('check', 1, 1));
    progress.update(event('store', 1, 1));
    progress.update(event('hash', 3, 3));
    progress.update(event('check', 2, 3));
    expect(seen).toEqual([event('hash', 1, 3), event('hash', 3, 3)]);
    progress.complete('hash');
    progress.update(event('check', 3, 3));
    progress.complete('check');
    progress.update(event('create', 0, 1));
    expect(seen.slice(2)).toEqual([
      event('check', 2, 3),
      event('check', 3, 3),
      event('store', 1, 1),
      event('create', 0, 1),
    ]);
  });

  it('skips a phase that never reported', () => {
    const seen: ProgressEvent[] = [];
    const progress = createOrderedProgress((e) => seen.push(e), ['hash', 'check', 'store']);
    progress.update(event('store', 2, 2));
    progress.complete('check');
    expect(seen).toEqual([event('store', 2, 2)]);
  });
});
