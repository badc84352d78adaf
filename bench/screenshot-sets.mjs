import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const cacheDir = fileURLToPath(new URL('../.bench-cache/', import.meta.url));
const generator = fileURLToPath(new URL('./generate-screenshots.mjs', import.meta.url));

/**
 * Phone screens at 3× (1170×2532, about 200 KB a PNG, as real ones are), a JPEG every 50, a sidecar
 * every 10; the 50,000 set uses small images. `encoder` names how the PNGs are written: bump it when
 * that changes, to regenerate.
 */
export function setSpec(count) {
  if (count > 10_000) {
    const shape = { width: 120, height: 260, jpegEvery: 100, perFolder: 100 };
    return { count, ...shape, sidecarEvery: 10, seed: 1, encoder: 'zlib6-sub' };
  }
  const shape = { width: 1170, height: 2532, jpegEvery: 50, perFolder: 25, phone: true };
  return { count, ...shape, sidecarEvery: 10, seed: 1, encoder: 'bands-12x16-photo-zlib6-sub' };
}

function runGenerator(dir, spec, from, to, mode) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [generator, dir, JSON.stringify(spec), String(from), String(to), mode],
      {
        stdio: 'inherit',
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generator exited with ${code}`))));
  });
}

/** Splits the indexes over one generator process per CPU. */
async function generate(dir, spec, mode) {
  const parts = Math.max(
    1,
    Math.min(availableParallelism(), Math.ceil(spec.count / (spec.phone ? 2000 : 200))),
  );
  const step = Math.ceil(spec.count / parts);
  await Promise.all(
    Array.from({ length: parts }, (_, part) =>
      runGenerator(dir, spec, part * step, Math.min(spec.count, (part + 1) * step), mode),
    ),
  );
}

async function isCached(marker, spec) {
  const text = await readFile(marker, 'utf8').catch(() => undefined);
  return text === JSON.stringify(spec);
}

/** A cached folder of `count` screenshots; generated on first use, reused while its spec is the same. */
export async function ensureScreenshotSet(count, log) {
  const spec = setSpec(count);
  const name = `set-${count}`;
  const dir = join(cacheDir, 'sets', name);
  const marker = join(cacheDir, 'sets', `${name}.json`);
  if (await isCached(marker, spec)) return { name, dir, spec };
  log(`generating ${count} screenshots in ${dir} …`);
  const started = performance.now();
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await generate(dir, spec, 'create');
  await writeFile(marker, JSON.stringify(spec));
  log(`  done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { name, dir, spec };
}

/** The same set with every 10th image (and its sidecar) redrawn: hard links to the rest, so it costs little disk. */
export async function ensureChangedSet(base, log) {
  const spec = { ...base.spec, seed: base.spec.seed + 1, changedEvery: 10 };
  const name = `${base.name}-changed`;
  const dir = join(cacheDir, 'sets', name);
  const marker = join(cacheDir, 'sets', `${name}.json`);
  if (await isCached(marker, spec)) return { name, dir, spec };
  log(`deriving ${name} (10% changed) …`);
  await rm(dir, { recursive: true, force: true });
  await promisify(execFile)('cp', ['-al', base.dir, dir]);
  await generate(dir, spec, 'replace');
  await writeFile(marker, JSON.stringify(spec));
  return { name, dir, spec };
}
