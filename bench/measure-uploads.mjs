import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { measureCommand } from './measure-command.mjs';

const allScenarios = ['cold', 'warm', '10% changed'];

function sum(record) {
  return Object.values(record).reduce((total, count) => total + count, 0);
}

/**
 * For each run and each client (the order rotating from run to run), a fresh emulator on its own
 * thread (`startEmulator` gives one): the base set
 * into an empty store (cold), the same set again (warm), then the set with 10% of images redrawn.
 * `link` shapes the emulator's network (`{ latencyMs, uplinkMbps }`); `scenarios` picks some.
 */
export async function measureUploads({
  sets,
  clients,
  runs,
  largeRuns,
  timeoutMs,
  tmp,
  storage,
  startEmulator,
  log,
  onSample,
  link,
  scenarios = allScenarios,
}) {
  const samples = [];
  for (const { base, changed } of sets) {
    const setRuns = base.spec.count > 10_000 ? largeRuns : runs;
    for (let run = 0; run < setRuns; run++) {
      const order = clients.map((_, index) => clients[(index + run) % clients.length]);
      for (const client of order) {
        const dataDir = await mkdtemp(join(storage, 'emulator-'));
        const home = await mkdtemp(join(tmp, 'home-'));
        const emulator = await startEmulator({ dataDir, link });
        try {
          for (const scenario of scenarios) {
            await emulator.resetStats();
            const dir = scenario === '10% changed' ? changed.dir : base.dir;
            const result = await measureCommand(client.command, client.args(dir), {
              env: { PATH: process.env.PATH, HOME: home, ...client.env(emulator) },
              cwd: home,
              timeoutMs,
            });
            const stats = await emulator.stats();
            const ok = result.exitCode === 0 && stats.requests['POST create-snapshot'] === 1;
            const sample = {
              set: base.name,
              images: base.spec.count,
              scenario,
              client: client.name,
              run,
              ok,
              timedOut: result.timedOut,
              wallMs: result.wallMs,
              peakRssBytes: result.peakRssBytes,
              requests: sum(stats.requests),
              requestsByRoute: stats.requests,
              bytesSent: stats.bytesReceived,
              objectsStored: stats.objectsStored,
              ...(ok
                ? {}
                : { error: (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n') }),
            };
            samples.push(sample);
            await onSample?.(samples);
            log(
              `  ${base.name} run ${run + 1}/${setRuns} ${client.name.padEnd(17)} ${scenario.padEnd(11)} ` +
                (ok
                  ? `${(result.wallMs / 1000).toFixed(2)} s, ${(result.peakRssBytes / 1e6).toFixed(0)} MB, ${sample.requests} requests`
                  : `FAILED${result.timedOut ? ' (timeout)' : ''}: ${sample.error}`),
            );
            // Without a stored cold upload, warm and changed would measure something else.
            if (!ok) break;
          }
        } finally {
          await emulator.close();
          await rm(dataDir, { recursive: true, force: true });
          await rm(home, { recursive: true, force: true });
        }
      }
    }
  }
  return samples;
}
