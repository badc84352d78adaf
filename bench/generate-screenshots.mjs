// Child process: writes images `from`..`to` of a screenshot set with the test-kit's writers.
// Vite's module runner loads the TypeScript source on Node 20, so the fixtures the tests use and
// the ones the benchmark uses are the same code.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const [dir, specJson, from, to, replace] = process.argv.slice(2);
const spec = JSON.parse(specJson);
const source = fileURLToPath(new URL('../tooling/test-kit/src/images.ts', import.meta.url));
const { module: kit } = await runnerImport(source);
for (let index = Number(from); index < Number(to); index++) {
  if (spec.changedEvery && index % spec.changedEvery !== 0) continue;
  if (replace === 'replace') {
    // The changed set starts as hard links to the base set: unlink before writing, or the base changes too.
    const { key } = kit.describeScreenshot(spec, index);
    await rm(join(dir, key), { force: true });
    await rm(join(dir, key.replace(/\.[^.]+$/, '.json')), { force: true });
  }
  await kit.writeScreenshot(dir, spec, index);
}
