import type { Env, ProgressEvent, UploadPhase } from '@sentry-snapshots/core';
import { SingleBar } from 'cli-progress';
import type { Output } from './cli-io.js';
import { formatBytes } from './format-bytes.js';

export const phaseLabels: Record<UploadPhase, string> = {
  discover: 'Finding images',
  hash: 'Reading images',
  check: 'Checking stored objects',
  store: 'Storing objects',
  create: 'Creating snapshot',
  wait: 'Waiting for comparison',
};

export interface ProgressReporter {
  update(event: ProgressEvent): void;
  /** Ends the display; call before printing anything else to the same stream. */
  stop(): void;
  /** The last event seen of each phase: what was done, for a report after an interruption. */
  readonly last: ReadonlyMap<UploadPhase, ProgressEvent>;
}

export interface ProgressReporterOptions {
  stream: Output;
  /** A live bar when true; plain throttled lines (CI logs, pipes) when false. */
  interactive: boolean;
  /** The smallest gap between two plain lines of one phase. */
  intervalMs?: number;
  now?: () => number;
}

/**
 * A command's progress on stderr: a live bar in a terminal, plain lines in CI logs and pipes, none
 * when quiet or with SENTRY_NO_PROGRESS_BAR=1 (as in sentry-cli; results and warnings still print).
 */
export function createCommandProgress(
  quiet: boolean,
  env: Env,
  stderr: Output,
): ProgressReporter | undefined {
  if (quiet || env.SENTRY_NO_PROGRESS_BAR === '1') return undefined;
  return createProgressReporter({
    stream: stderr,
    interactive: Boolean(stderr.isTTY) && !env.CI && env.TERM !== 'dumb',
  });
}

export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const last = new Map<UploadPhase, ProgressEvent>();
  const draw = options.interactive ? drawBar(options.stream) : drawLines(options);
  return {
    last,
    update(event) {
      last.set(event.phase, event);
      draw.update(event);
    },
    stop: () => draw.stop(),
  };
}

interface Drawer {
  update(event: ProgressEvent): void;
  stop(): void;
}

function drawBar(stream: Output): Drawer {
  let bar: SingleBar | undefined;
  let phase: UploadPhase | undefined;
  return {
    update(event) {
      if (event.phase !== phase) {
        bar?.stop();
        phase = event.phase;
        bar = new SingleBar({
          stream: stream as NodeJS.WritableStream,
          format: `${phaseLabels[event.phase].padEnd(24)} {bar} {value}/{total} {size}`,
          barsize: 24,
          barCompleteChar: '\u2588',
          barIncompleteChar: '\u2591',
          hideCursor: true,
          gracefulExit: false,
          fps: 10,
        });
        bar.start(event.total, event.done, { size: sizeOf(event) });
        return;
      }
      bar?.setTotal(event.total);
      bar?.update(event.done, { size: sizeOf(event) });
    },
    stop() {
      bar?.stop();
      bar = undefined;
      phase = undefined;
    },
  };
}

function drawLines(options: ProgressReporterOptions): Drawer {
  const interval = options.intervalMs ?? 2000;
  const now = options.now ?? Date.now;
  let phase: UploadPhase | undefined;
  let printedAt = 0;
  let finished = false;
  return {
    update(event) {
      const complete = event.total > 0 && event.done >= event.total;
      const fresh = event.phase !== phase;
      if (fresh) {
        phase = event.phase;
        finished = false;
      } else if (finished || (!complete && now() - printedAt < interval)) {
        return;
      }
      printedAt = now();
      finished = complete;
      const percent = event.total > 0 ? ` (${Math.floor((event.done / event.total) * 100)}%)` : '';
      const size = sizeOf(event);
      options.stream.write(
        `${phaseLabels[event.phase]}: ${event.done}/${event.total}${percent}${size ? `, ${size}` : ''}\n`,
      );
    },
    stop() {},
  };
}

function sizeOf(event: ProgressEvent): string {
  return event.bytes > 0 ? formatBytes(event.bytes) : '';
}
