// Child process: writes images `from`..`to` of a screenshot set with the test-kit's writers, or,
// for phone-sized sets, from bands of the test-kit's painted screens (bench/phone-screens.mjs).
// Vite's module runner loads the TypeScript source on Node 20, so the fixtures the tests use and
// the ones the benchmark uses are the same code.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import { createPhoneScreens } from './phone-screens.mjs';

const [dir, specJson, from, to, replace] = process.argv.slice(2);
const spec = JSON.parse(specJson);
const source = fileURLToPath(new URL('../tooling/test-kit/src/images.ts', import.meta.url));
const { module: kit } = await runnerImport(source);
const writePhoneScreenshot = spec.phone ? createPhoneWriter(spec) : undefined;
for (let index = Number(from); index < Number(to); index++) {
  if (spec.changedEvery && index % spec.changedEvery !== 0) continue;
  if (replace === 'replace') {
    // The changed set starts as hard links to the base set: unlink before writing, or the base changes too.
    const { key } = kit.describeScreenshot(spec, index);
    await rm(join(dir, key), { force: true });
    await rm(join(dir, key.replace(/\.[^.]+$/, '.json')), { force: true });
  }
  if (writePhoneScreenshot) await writePhoneScreenshot(index);
  else await kit.writeScreenshot(dir, spec, index);
}

/** PNGs stitched from bands; JPEGs from a few encoded screens, each made unique by a comment segment. */
function createPhoneWriter() {
  const png = createPhoneScreens(kit.paintScreen, spec);
  const jpegs = Array.from({ length: 4 }, (_, seed) =>
    kit.encodeJpeg({ width: spec.width, height: spec.height, seed: seed + 1 }),
  );
  return async (index) => {
    const file = kit.describeScreenshot(spec, index);
    const path = join(dir, file.key);
    const bytes =
      file.format === 'png'
        ? png(index, spec.seed)
        : kit.insertJpegSegment(
            jpegs[index % jpegs.length],
            0xfe,
            Buffer.from(`screen ${index} of set ${spec.seed}`),
          );
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
    if (file.sidecar) await writeFile(path.replace(/\.[^.]+$/, '.json'), JSON.stringify(file.sidecar));
  };
}
