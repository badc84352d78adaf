// Child process: discovers and reads (hashes + headers) one folder with core, prints JSON timings;
// `threads` hashes on worker threads beside this one (startImageHashing), as uploads do.
import { fileURLToPath, pathToFileURL } from 'node:url';

const [coreEntry, dir, mode = 'one'] = process.argv.slice(2);
const core = await import(pathToFileURL(coreEntry).href);
const started = performance.now();
const hashing = mode === 'threads' ? core.startImageHashing(dir) : undefined;
const { images } = hashing ? hashing.found : await core.discoverImages(dir);
const discovered = performance.now();
const { entries } = await core.readImages(images, { hashing });
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
