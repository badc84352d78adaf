import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureComparisonPairs, ensureSmallChangeSet } from './comparison-pairs.mjs';
import { measureCommand } from './measure-command.mjs';
import { ensureChangedSet, ensureScreenshotSet } from './screenshot-sets.mjs';
import { median } from './statistics.mjs';

const comparePair = fileURLToPath(new URL('./compare-pair.mjs', import.meta.url));
const compareSet = fileURLToPath(new URL('./compare-snapshot-set.mjs', import.meta.url));

/** The engines side by side; `ours` is the reference the others' agreement and speed are read against. */
export const engines = [
  { id: 'ours', name: 'sentry-snapshots core (sharp + pixelmatch)' },
  { id: 'ours-mask', name: 'sentry-snapshots core, + diff mask PNG' },
  { id: 'pixelmatch', name: 'pure JS (pngjs / jpeg-js + pixelmatch)' },
  { id: 'odiff', name: 'odiff-bin 4.5.0, one process per pair' },
  { id: 'odiff-command', name: 'odiff-bin 4.5.0 `odiff` command (Node wrapper)' },
  { id: 'odiff-server', name: 'odiff-bin 4.5.0 server, + diff PNG' },
];

async function runChild(args, tmp) {
  const result = await measureCommand(process.execPath, args, {
    env: { PATH: process.env.PATH },
    cwd: tmp,
    timeoutMs: 600_000,
  });
  if (result.exitCode !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { ...JSON.parse(result.stdout), peakRssBytes: result.peakRssBytes };
}

/**
 * Each engine on each pair in its own process (so peak RSS is its own): one warm-up, then `runs`
 * timed comparisons, median reported. Then core's compareSnapshots over the 1,000-image upload set
 * against its 10%-changed copy.
 */
export async function measureComparisons({ runs, setRuns, build, tmp, log }) {
  const core = join(build, 'packages/core/dist/index.mjs');
  const pairs = await ensureComparisonPairs(log);
  const rows = [];
  for (const pair of pairs) {
    const megapixels = (pair.width * pair.height) / 1e6;
    log(`compare ${pair.name} (${pair.width}×${pair.height}) …`);
    for (const engine of engines) {
      const sample = await runChild(
        [comparePair, engine.id, core, pair.base, pair.head, String(runs), tmp],
        tmp,
      );
      const ms = median(sample.samplesMs);
      rows.push({
        pair: pair.name,
        width: pair.width,
        height: pair.height,
        format: pair.format,
        engine: engine.id,
        engineName: engine.name,
        runs,
        ms,
        msPerMegapixel: ms / megapixels,
        pairsPerSecond: 1000 / ms,
        peakRssBytes: sample.peakRssBytes,
        changedPixels: sample.changedPixels,
        samplesMs: sample.samplesMs,
      });
    }
  }
  for (const row of rows) {
    const mine = rows.find((other) => other.pair === row.pair && other.engine === 'ours');
    row.changedPixelsOverOurs = mine.changedPixels ? row.changedPixels / mine.changedPixels : null;
    row.timeOverOurs = row.ms / mine.ms;
  }

  const base = await ensureScreenshotSet(1000, log);
  const heads = [
    { ...(await ensureSmallChangeSet(base, log)), change: 'small change (as above)' },
    { ...(await ensureChangedSet(base, log)), change: 'redrawn whole (worst case)' },
  ];
  const snapshotSets = [];
  for (const head of heads) {
    log(`compareSnapshots ${base.name} against ${head.name} …`);
    const set = await runChild([compareSet, core, base.dir, head.dir, String(setRuns)], tmp);
    const ms = median(set.samplesMs);
    snapshotSets.push({
      base: base.name,
      head: head.name,
      change: head.change,
      width: base.spec.width,
      height: base.spec.height,
      runs: setRuns,
      ...set,
      ms,
      pairsPerSecond: set.pairs / (ms / 1000),
      msPerComparedMegapixel: set.decodedPixels ? ms / (set.decodedPixels / 1e6) : null,
    });
  }
  return { pairs: rows, snapshotSets };
}
