import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runnerImport } from 'vite';
import { cacheDir } from './screenshot-sets.mjs';

/**
 * Phone (iPhone at 3×) and desktop screens, each as PNG and JPEG. The head is the base with one
 * button recoloured and one line of text redrawn: a small change, as most changed screenshots are.
 * `version` names the drawing: bump it when the change or the sizes change, to regenerate.
 */
export const comparisonCases = [
  { name: 'phone-png', width: 1170, height: 2532, format: 'png' },
  { name: 'phone-jpeg', width: 1170, height: 2532, format: 'jpeg' },
  { name: 'desktop-png', width: 1920, height: 1080, format: 'png' },
  { name: 'desktop-jpeg', width: 1920, height: 1080, format: 'jpeg' },
].map((pair) => ({ ...pair, seed: 7, version: 1 }));

/** Recolours a button-sized block and overwrites one text line with other glyph noise. */
function drawChange(pixels, width, height) {
  const view = new Uint32Array(pixels.buffer, pixels.byteOffset, width * height);
  const block = { x: Math.round(width * 0.6), y: Math.round(height * 0.3), w: Math.round(width * 0.25) };
  const blockHeight = Math.round(height * 0.03);
  for (let y = block.y; y < block.y + blockHeight; y++)
    view.fill(0xff2850c8, y * width + block.x, y * width + block.x + block.w);
  const lineY = Math.round(height * 0.62);
  for (let y = lineY; y < lineY + Math.max(4, Math.round(height * 0.012)); y++) {
    for (let x = Math.round(width * 0.1); x < Math.round(width * 0.7); x++) {
      if ((x * 7 + y * 13) % 5 < 2) view[y * width + x] = 0xff303038;
    }
  }
}

/** The test-kit's painter, as the upload sets use it (TypeScript source through Vite's runner). */
async function loadTestKit() {
  const source = fileURLToPath(new URL('../tooling/test-kit/src/images.ts', import.meta.url));
  return (await runnerImport(source)).module;
}

/** The cached base and head files of every case; written on first use, reused while the cases stay the same. */
export async function ensureComparisonPairs(log) {
  const dir = join(cacheDir, 'compare');
  const marker = join(dir, 'pairs.json');
  const pairs = comparisonCases.map((pair) => {
    const extension = pair.format === 'png' ? 'png' : 'jpg';
    return {
      ...pair,
      base: join(dir, `${pair.name}-base.${extension}`),
      head: join(dir, `${pair.name}-head.${extension}`),
    };
  });
  const cached = await readFile(marker, 'utf8').catch(() => undefined);
  if (cached === JSON.stringify(comparisonCases)) return pairs;
  log(`generating comparison pairs in ${dir} …`);
  await mkdir(dir, { recursive: true });
  const kit = await loadTestKit();
  for (const pair of pairs) {
    const encode = pair.format === 'png' ? kit.encodePng : kit.encodeJpeg;
    const spec = { width: pair.width, height: pair.height, seed: pair.seed };
    await writeFile(pair.base, encode(spec));
    await writeFile(pair.head, encode({ ...spec, draw: drawChange }));
  }
  await writeFile(marker, JSON.stringify(comparisonCases));
  return pairs;
}

/**
 * An upload set with every tenth image given the small change above (the changed upload set
 * redraws them whole, a worst case): hard links to the rest, as the changed upload sets are made.
 */
export async function ensureSmallChangeSet(base, log) {
  const spec = { ...base.spec, smallChangeEvery: 10, version: comparisonCases[0].version };
  const name = `${base.name}-small-change`;
  const dir = join(cacheDir, 'compare', name);
  const marker = join(cacheDir, 'compare', `${name}.json`);
  const cached = await readFile(marker, 'utf8').catch(() => undefined);
  if (cached === JSON.stringify(spec)) return { name, dir, spec };
  log(`deriving ${name} (10% with a small change) …`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(cacheDir, 'compare'), { recursive: true });
  await promisify(execFile)('cp', ['-al', base.dir, dir]);
  const kit = await loadTestKit();
  for (let index = 0; index < spec.count; index += spec.smallChangeEvery) {
    const { key, format, seed } = kit.describeScreenshot(spec, index);
    const encode = format === 'png' ? kit.encodePng : kit.encodeJpeg;
    // Unlink first: writing through the hard link would change the base set too.
    await rm(join(dir, key));
    await writeFile(
      join(dir, key),
      encode({ width: spec.width, height: spec.height, seed, draw: drawChange }),
    );
  }
  await writeFile(marker, JSON.stringify(spec));
  return { name, dir, spec };
}
