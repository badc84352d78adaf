import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progress-reporter.js';

function plainReporter() {
  const lines: string[] = [];
  let now = 0;
  const reporter = createProgressReporter({
    stream: { write: (text: string) => lines.push(text) },
    interactive: false,
    intervalMs: 1000,
    now: () => now,
  });
  return { lines, reporter, advance: (ms: number) => (now += ms) };
}

describe('createProgressReporter, plain lines', () => {
  it('prints a phase when it starts, then at most once per interval, then when it completes', () => {
    const { lines, reporter, advance } = plainReporter();
    reporter.update({ phase: 'hash', done: 0, total: 4, bytes: 0 });
    reporter.update({ phase: 'hash', done: 1, total: 4, bytes: 1000 });
    advance(999);
    reporter.update({ phase: 'hash', done: 2, total: 4, bytes: 2000 });
    advance(1);
    reporter.update({ phase: 'hash', done: 3, total: 4, bytes: 3000 });
    reporter.update({ phase: 'hash', done: 4, total: 4, bytes: 4000 });
    reporter.update({ phase: 'hash', done: 4, total: 4, bytes: 4000 });
    reporter.update({ phase: 'store', done: 0, total: 1, bytes: 0 });
    expect(lines).toEqual([
      'Reading images: 0/4 (0%)\n',
      'Reading images: 3/4 (75%), 3 kB\n',
      'Reading images: 4/4 (100%), 4 kB\n',
      'Storing objects: 0/1 (0%)\n',
    ]);
  });

  it('keeps the last event of each phase for the report after an interruption', () => {
    const { reporter } = plainReporter();
    reporter.update({ phase: 'store', done: 1, total: 3, bytes: 10 });
    reporter.update({ phase: 'store', done: 2, total: 3, bytes: 20 });
    expect(reporter.last.get('store')).toEqual({ phase: 'store', done: 2, total: 3, bytes: 20 });
  });
});

describe('createProgressReporter, live bar', () => {
  it('draws a bar per phase on a terminal and leaves each finished one on its own line', () => {
    let output = '';
    const terminal = { isTTY: true, columns: 100, write: (text: string) => (output += text) };
    const reporter = createProgressReporter({ stream: terminal, interactive: true });
    reporter.update({ phase: 'hash', done: 0, total: 4, bytes: 0 });
    reporter.update({ phase: 'hash', done: 4, total: 4, bytes: 4000 });
    reporter.update({ phase: 'store', done: 1, total: 2, bytes: 1500 });
    reporter.stop();
    // What a terminal shows: each redraw starts at column 1 (`ESC[1G`) over the previous one.
    const lines = output.split('\n').map((line) =>
      (line.split('\u001b[1G').at(-1) ?? '')
        // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the terminal's escape sequences
        .replace(/\u001b(\[[0-9;?]*[A-Za-z]|[78])/g, '')
        .trim(),
    );
    expect(lines.filter(Boolean)).toEqual([
      'Reading images           ████████████████████████ 4/4 4 kB',
      'Storing objects          ████████████░░░░░░░░░░░░ 1/2 1.5 kB',
    ]);
  });
});
