// Child process: discovers and reads (hashes + headers) one folder with core, prints JSON timings.
import { fileURLToPath, pathToFileURL } from 'node:url';

const [coreEntry, dir, threads] = process.argv.slice(2);
const core = await import(pathToFileURL(coreEntry).href);
const started = performance.now();
const { images } = await core.discoverImages(dir);
const discovered = performance.now();
// threadedMinBytes 0: the threads variant starts its threads whatever the estimate.
const { entries } = await core.readImages(images, { threads: Number(threads), threadedMinBytes: 0 });
const finished = performance.now();
const bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
process.stdout.write(
  JSON.stringify({
    script: fileURLToPath(import.meta.url),
    images: entries.length,
    bytes,
    discoverMs: discovered - started,
    readMs: finished - discovered,
  }),
);
