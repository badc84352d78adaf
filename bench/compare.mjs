// `pnpm bench --only compare`, or alone: `node bench/compare.mjs`. Image comparison speed per
// megapixel, sentry-snapshots core against odiff-bin and pure-JS pixelmatch, side by side, and
// core's compareSnapshots over a 1,000-image snapshot. Options:
//   --runs 11       timed runs per engine and pair (median reported; 3 with --quick)
//   --set-runs 5    runs of the 1,000-image comparison (1 with --quick)
//   --quick
//   --out compare-latest   name of the result files in bench/results/
// Writes bench/results/compare-latest.json and .md. Pairs are cached in .bench-cache/compare/.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine } from './describe-machine.mjs';
import { freezeBuild } from './freeze-build.mjs';
import { measureComparisons } from './measure-comparisons.mjs';
import { renderCompareMarkdown, writeCompareReport } from './write-compare-report.mjs';

/** Measures, writes bench/results/<out>.{json,md} and answers with the Markdown. */
export async function runComparisonBench({ runs, setRuns, out, command, log }) {
  const build = await freezeBuild({ name: 'frozen-compare', packages: ['packages/core'] });
  const tmp = await mkdtemp(join(tmpdir(), 'sentry-snapshots-compare-'));
  try {
    const report = {
      date: new Date().toISOString(),
      command,
      machine: describeMachine(),
      commit: build.commit,
      options: { runs, setRuns },
      comparisons: await measureComparisons({ runs, setRuns, build: build.root, tmp, log }),
    };
    await writeCompareReport(fileURLToPath(new URL('./results', import.meta.url)), out, report);
    return renderCompareMarkdown(report);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

export const compareOptions = {
  runs: { type: 'string' },
  'set-runs': { type: 'string' },
  quick: { type: 'boolean', default: false },
};

export function readCompareOptions(values) {
  return {
    runs: Number(values.runs ?? (values.quick ? 3 : 11)),
    setRuns: Number(values['set-runs'] ?? (values.quick ? 1 : 5)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { ...compareOptions, out: { type: 'string', default: 'compare-latest' } },
  });
  const markdown = await runComparisonBench({
    ...readCompareOptions(values),
    out: values.out,
    command: `node bench/compare.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${markdown}\n`);
}
