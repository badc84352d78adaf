// Child process: reads (hashes) a base and a head folder with core, untimed, then times core's
// compareSnapshots over them `runs` times, images loaded from disk; prints JSON.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const [coreEntry, baseDir, headDir, runs] = process.argv.slice(2);
const core = await import(pathToFileURL(coreEntry).href);

async function readSnapshot(dir) {
  const { images } = await core.discoverImages(dir);
  const { entries } = await core.readImages(images);
  return {
    paths: new Map(entries.map((entry) => [entry.key, entry.path])),
    snapshot: { images: Object.fromEntries(entries.map((entry) => [entry.key, entry.metadata])) },
  };
}

const base = await readSnapshot(baseDir);
const head = await readSnapshot(headDir);
const sides = { base, head };
const options = {
  loadImage: (side, name) => readFile(sides[side].paths.get(name)),
  storeDiffMask: async (name) => name,
};
let outcome;
const samplesMs = [];
for (let run = 0; run < Number(runs); run++) {
  const started = performance.now();
  outcome = await core.compareSnapshots({}, base.snapshot, head.snapshot, options);
  samplesMs.push(performance.now() - started);
}
const pairs = Object.keys(head.snapshot.images).filter((name) => Object.hasOwn(base.snapshot.images, name));
const identical = pairs.filter(
  (name) => base.snapshot.images[name].content_hash === head.snapshot.images[name].content_hash,
);
const decodedPixels = pairs
  .filter((name) => !identical.includes(name))
  .reduce((sum, name) => sum + head.snapshot.images[name].width * head.snapshot.images[name].height, 0);
process.stdout.write(
  JSON.stringify({
    pairs: pairs.length,
    identical: identical.length,
    decodedPixels,
    changed: outcome.changed_count,
    unchanged: outcome.unchanged_count,
    errored: outcome.errored_count,
    changedPixels: outcome.changed.reduce((sum, pair) => sum + pair.diff_pixel_count, 0),
    samplesMs,
  }),
);
