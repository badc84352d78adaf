import type { ProgressEvent, ProgressListener, UploadPhase } from '../progress.js';

export interface OrderedProgress {
  update(event: ProgressEvent): void;
  /** Ends `phase`: the next phase's newest held event, if any, goes out now. */
  complete(phase: UploadPhase): void;
}

/**
 * Passes progress on one phase at a time, in `order`: a phase still ahead has its events held (only
 * the newest kept) until the phases before it complete. Work that overlaps (checks while images are
 * still hashed, stores while others are checked) then reads as the usual sequence of phases, which
 * is what a one-bar-per-phase display can show. Phases outside `order` pass straight through.
 */
export function createOrderedProgress(
  emit: ProgressListener,
  order: readonly UploadPhase[],
): OrderedProgress {
  let current = 0;
  const held = new Map<UploadPhase, ProgressEvent>();
  return {
    update(event) {
      const at = order.indexOf(event.phase);
      if (at > current) held.set(event.phase, event);
      else emit(event);
    },
    complete(phase) {
      const at = order.indexOf(phase);
      while (current <= at && current < order.length) {
        current += 1;
        const next = order[current];
        const event = next === undefined ? undefined : held.get(next);
        if (next !== undefined && event !== undefined) {
          held.delete(next);
          emit(event);
        }
      }
    },
  };
}
