import { join } from 'node:path';
import { measureCommand } from './measure-command.mjs';
import { median } from './statistics.mjs';

/** Start-up cost: `sentry-snapshots --version` against a bare `node -e 0`, alternating. */
export async function measureStartup({ runs, tmp, build }) {
  const bin = join(build, 'packages/cli/dist/bin.mjs');
  const variants = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'sentry-snapshots --version', args: [bin, '--version'] },
  ];
  const samples = variants.map(() => []);
  for (let run = 0; run < runs; run++) {
    for (const [index, variant] of variants.entries()) {
      const result = await measureCommand(process.execPath, variant.args, {
        env: { PATH: process.env.PATH, HOME: tmp },
        cwd: tmp,
        timeoutMs: 60_000,
      });
      if (result.exitCode !== 0) throw new Error(`${variant.name} failed: ${result.stderr}`);
      samples[index].push(result);
    }
  }
  const [node, ours] = samples.map((list) => ({
    wallMs: median(list.map((sample) => sample.wallMs)),
    peakRssBytes: median(list.map((sample) => sample.peakRssBytes)),
  }));
  return { runs, node, ours, ratio: ours.wallMs / node.wallMs };
}
