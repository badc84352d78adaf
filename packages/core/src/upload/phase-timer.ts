import type { Clock } from '../world.js';

export type TimedPhase = 'discover' | 'hash' | 'check' | 'store' | 'create';

/** Wall time per phase; phases may overlap, so they need not add up to the total. */
export function createPhaseTimer(clock: Clock) {
  const startedAt = clock.now();
  const timings: Record<TimedPhase, number> = { discover: 0, hash: 0, check: 0, store: 0, create: 0 };
  return {
    async time<T>(phase: TimedPhase, work: () => Promise<T>): Promise<T> {
      const start = clock.now();
      try {
        return await work();
      } finally {
        timings[phase] += clock.now() - start;
      }
    },
    finish(): Record<TimedPhase | 'total', number> {
      return { ...timings, total: clock.now() - startedAt };
    },
  };
}
