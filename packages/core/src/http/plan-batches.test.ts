import { describe, expect, it } from 'vitest';
import { planBatches } from './plan-batches.js';

const limits = { maxOperations: 1000, maxBytes: 100 };

describe('planBatches', () => {
  it('keeps each batch within the operation limit, in order', () => {
    const items = Array.from({ length: 2500 }, (_, index) => index);
    const batches = planBatches(items, () => 0, limits, 1);
    expect(batches.map((batch) => batch.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat()).toEqual(items);
  });

  it('keeps each batch within the byte limit, even for an item that fills one alone', () => {
    const sizes = [60, 30, 20, 100, 5];
    expect(planBatches(sizes, (size) => size, limits, 1)).toEqual([[60, 30], [20], [100], [5]]);
  });

  it('spreads work over parallel requests, but not below fifty operations a batch', () => {
    const items = Array.from({ length: 800 }, (_, index) => index);
    expect(planBatches(items, () => 0, limits, 8).map((batch) => batch.length)).toEqual(Array(8).fill(100));
    expect(planBatches(items.slice(0, 120), () => 0, limits, 8).map((batch) => batch.length)).toEqual([
      50, 50, 20,
    ]);
    expect(planBatches([], () => 0, limits, 8)).toEqual([]);
  });
});
