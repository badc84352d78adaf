// Child process: compares one pair with one engine, once to warm up and then `runs` times; prints
// JSON with each run's milliseconds and the changed pixels it found. Files are read before timing.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const [engine, coreEntry, basePath, headPath, runs, scratchDir] = process.argv.slice(2);
const require = createRequire(import.meta.url);
// The settings every engine gets, as far as each has them: sentry-cli's colour threshold, anti-aliasing ignored.
const threshold = 0.01;

async function createEngine() {
  const baseBytes = await readFile(basePath);
  const headBytes = await readFile(headPath);
  if (engine === 'ours' || engine === 'ours-mask') {
    const core = await import(pathToFileURL(coreEntry).href);
    const mask = engine === 'ours-mask';
    return {
      compare: async () => {
        const result = await core.compareImages(baseBytes, headBytes, {
          colorThreshold: threshold,
          antialiasing: true,
          mask,
        });
        return result.changedPixels ?? 0;
      },
    };
  }
  if (engine === 'pixelmatch') {
    const { default: pixelmatch } = await import('pixelmatch');
    const { PNG } = require('pngjs');
    const jpeg = require('jpeg-js');
    const decode = (bytes) =>
      basePath.endsWith('.png')
        ? PNG.sync.read(bytes)
        : jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return {
      compare: async () => {
        const base = decode(baseBytes);
        const head = decode(headBytes);
        return pixelmatch(base.data, head.data, null, base.width, base.height, {
          threshold,
          includeAA: false,
        });
      },
    };
  }
  const { findBinary } = require('odiff-bin/binary.js');
  if (engine === 'odiff' || engine === 'odiff-command') {
    // One process per pair, as a CLI that calls odiff per image does; no diff image, counts only.
    // `odiff-command` is the package's `odiff` bin, a Node script that starts the binary.
    const binary = engine === 'odiff' ? findBinary() : require.resolve('odiff-bin/bin/odiff');
    const args = [basePath, headPath, `--threshold=${threshold}`, '--antialiasing', '--parsable-stdout'];
    return {
      compare: async () => {
        // Exit code 22 means "pixels differ", with the count on stdout.
        const { stdout } = await promisify(execFile)(binary, args).catch((error) => {
          if (error.code === 22) return error;
          throw error;
        });
        return stdout.trim() ? Number.parseInt(stdout.split(';')[0], 10) : 0;
      },
    };
  }
  if (engine === 'odiff-server') {
    const { ODiffServer } = require('odiff-bin/server.js');
    const server = new ODiffServer();
    return {
      compare: async () => {
        // The server insists on a diff image path, so this variant also writes the diff PNG.
        const result = await server.compare(basePath, headPath, join(scratchDir, 'odiff-diff.png'), {
          threshold,
          antialiasing: true,
        });
        if (result.match) return 0;
        if (result.reason !== 'pixel-diff') throw new Error(`odiff server: ${JSON.stringify(result)}`);
        return result.diffCount;
      },
      close: () => server.stop(),
    };
  }
  throw new Error(`unknown engine ${engine}`);
}

const { compare, close } = await createEngine();
// The first run warms up (JIT, libvips' and odiff's start) and gives the count to check agreement.
const changedPixels = await compare();
const samplesMs = [];
for (let run = 0; run < Number(runs); run++) {
  const started = performance.now();
  await compare();
  samplesMs.push(performance.now() - started);
}
close?.();
process.stdout.write(JSON.stringify({ engine, changedPixels, samplesMs }));
