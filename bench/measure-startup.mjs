import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { measureCommand } from './measure-command.mjs';
import { median } from './statistics.mjs';

/** Start-up cost: `sentry-snapshots --version` against a bare `node -e 0` on the same `node`, alternating. */
export async function measureStartup({ runs, tmp, build, node }) {
  const bin = join(build, 'packages/cli/dist/bin.mjs');
  const variants = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'sentry-snapshots --version', args: [bin, '--version'] },
  ];
  const samples = variants.map(() => []);
  for (let run = 0; run < runs; run++) {
    for (const [index, variant] of variants.entries()) {
      const result = await measureCommand(node, variant.args, {
        env: { PATH: process.env.PATH, HOME: tmp },
        cwd: tmp,
        timeoutMs: 60_000,
      });
      if (result.exitCode !== 0) throw new Error(`${variant.name} failed: ${result.stderr}`);
      samples[index].push(result);
    }
  }
  const [bare, ours] = samples.map((list) => ({
    wallMs: median(list.map((sample) => sample.wallMs)),
    peakRssBytes: median(list.map((sample) => sample.peakRssBytes)),
  }));
  return { runs, nodeVersion: await nodeVersion(node), node: bare, ours, ratio: ours.wallMs / bare.wallMs };
}

async function nodeVersion(node) {
  const { stdout } = await promisify(execFile)(node, ['--version']);
  return stdout.trim();
}
