import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { measureCommand } from './measure-command.mjs';
import { median } from './statistics.mjs';

const cpus = availableParallelism();
const hashFolder = fileURLToPath(new URL('./hash-folder.mjs', import.meta.url));

/**
 * Hashing throughput on one set: `sha256sum` over the same files (one process, as `xargs` feeds it)
 * and on every core, against core's discover + read (hash and header from one read), on one thread
 * and on worker threads beside it.
 */
export async function measureHashing(set, { runs, tmp, build }) {
  const core = join(build, 'packages/core/dist/index.mjs');
  const { stdout: list } = await promisify(execFile)(
    'find',
    [set.dir, '-type', 'f', '(', '-name', '*.png', '-o', '-name', '*.jpg', ')', '-print0'],
    { maxBuffer: 1 << 30, encoding: 'buffer' },
  );
  const listFile = join(tmp, `${set.name}.files`);
  await writeFile(listFile, list);
  const variants = [
    { name: 'sha256sum (coreutils, xargs)', command: 'xargs', args: ['-0', '-a', listFile, 'sha256sum'] },
    {
      name: `sha256sum, ${cpus} at once (xargs -P)`,
      command: 'xargs',
      args: ['-0', '-a', listFile, '-P', String(cpus), '-n', '200', 'sha256sum'],
    },
    {
      name: 'sentry-snapshots core, one thread',
      command: process.execPath,
      args: [hashFolder, core, set.dir, 'one'],
    },
    {
      name: 'sentry-snapshots core, worker threads',
      command: process.execPath,
      args: [hashFolder, core, set.dir, 'threads'],
    },
  ];
  const samples = new Map(variants.map((variant) => [variant.name, []]));
  let info;
  for (let run = 0; run < runs; run++) {
    for (const variant of variants) {
      const result = await measureCommand(variant.command, variant.args, {
        env: { PATH: process.env.PATH },
        cwd: tmp,
        timeoutMs: 600_000,
      });
      if (result.exitCode !== 0) throw new Error(`${variant.name} failed: ${result.stderr}`);
      // Core's own timing leaves out Node's start-up and module loading; sha256sum has neither to speak of.
      if (variant.command === process.execPath) {
        info = JSON.parse(result.stdout);
        result.workMs = info.discoverMs + info.readMs;
      } else {
        result.workMs = result.wallMs;
      }
      samples.get(variant.name).push(result);
    }
  }
  const mb = info.bytes / 1e6;
  return {
    set: set.name,
    images: info.images,
    bytes: info.bytes,
    variants: variants.map(({ name }) => {
      const wallMs = median(samples.get(name).map((sample) => sample.wallMs));
      const workMs = median(samples.get(name).map((sample) => sample.workMs));
      return {
        name,
        wallMs,
        workMs,
        mbPerSecond: mb / (workMs / 1000),
        filesPerSecond: info.images / (workMs / 1000),
        peakRssBytes: Math.max(...samples.get(name).map((sample) => sample.peakRssBytes)),
      };
    }),
  };
}
