// `pnpm bench`: sentry-snapshots against sentry-cli 3.8.0 and sentry 0.49.0 on the same screenshot
// sets, uploading to the local emulator; then image comparison against odiff-bin and pixelmatch
// (bench/compare.mjs). Options:
//   --sizes 1000,10000,50000   image counts (default all three; the 50,000 set uses small images)
//   --runs 3                   runs per client and scenario (median reported)
//   --large-runs 1             runs for sets over 10,000 images (each takes minutes)
//   --quick                    1,000 images, 2 runs: a few minutes
//   --clients a,b              only clients whose name contains one of these
//   --only uploads,far,startup,hashing,emulator,compare   (far: 1,000 images through a far link)
//   --far-latency 40 --far-uplink 200   the far link: ms per answer, Mbit/s of shared uplink
//   --compare-runs 11          timed runs per engine and image pair (3 with --quick)
//   --compare-set-runs 5       runs of the 1,000-image compareSnapshots (1 with --quick)
//   --timeout-minutes 20       per upload
//   --generate-only            build the cached sets and stop
//   --out latest               name of the result files in bench/results/
// Writes bench/results/latest.json and latest.md (uploads and the rest), compare-latest.json and
// compare-latest.md (comparison; compare-<out> with --out). Sets are cached in .bench-cache/.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createClients, node24Binary } from './clients.mjs';
import { readCompareOptions, runComparisonBench } from './compare.mjs';
import { describeMachine } from './describe-machine.mjs';
import { createEmulatorThread } from './emulator-thread.mjs';
import { freezeBuild } from './freeze-build.mjs';
import { measureEmulatorAlone } from './measure-emulator.mjs';
import { measureHashing } from './measure-hashing.mjs';
import { measureStartup } from './measure-startup.mjs';
import { measureUploads } from './measure-uploads.mjs';
import { ensureChangedSet, ensureScreenshotSet } from './screenshot-sets.mjs';
import { renderMarkdown, summarizeUploads, writeReport } from './write-report.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    'large-runs': { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
    clients: { type: 'string' },
    only: { type: 'string', default: 'uploads,far,startup,hashing,emulator,compare' },
    'far-latency': { type: 'string', default: '40' },
    'far-uplink': { type: 'string', default: '200' },
    'compare-runs': { type: 'string' },
    'compare-set-runs': { type: 'string' },
    'timeout-minutes': { type: 'string', default: '20' },
    'generate-only': { type: 'boolean', default: false },
    out: { type: 'string', default: 'latest' },
  },
});

const sizes = (values.sizes ?? (values.quick ? '1000' : '1000,10000,50000')).split(',').map(Number);
const runs = Number(values.runs ?? (values.quick ? 2 : 3));
const largeRuns = Number(values['large-runs']);
const only = new Set(values.only.split(','));
const clientFilter = values.clients?.split(',');
const log = (line) => process.stderr.write(`${line}\n`);
const command = `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim();
const uploadParts = ['uploads', 'far', 'startup', 'hashing', 'emulator'].filter((part) => only.has(part));
const farLink = { latencyMs: Number(values['far-latency']), uplinkMbps: Number(values['far-uplink']) };

// `--only compare` leaves the upload sets, the frozen build and latest.* alone.
if (uploadParts.length || values['generate-only']) await runUploadParts();
if (only.has('compare') && !values['generate-only']) {
  const markdown = await runComparisonBench({
    ...readCompareOptions({
      quick: values.quick,
      runs: values['compare-runs'],
      'set-runs': values['compare-set-runs'],
    }),
    out: `compare-${values.out}`,
    command,
    log,
  });
  process.stdout.write(`${markdown}\n`);
}

async function runUploadParts() {
  const build = await freezeBuild();
  const clients = createClients(build.root).filter(
    (client) => !clientFilter || clientFilter.some((part) => client.name.includes(part)),
  );
  const resultsDir = fileURLToPath(new URL('./results', import.meta.url));
  const tmp = await mkdtemp(join(tmpdir(), 'sentry-snapshots-bench-'));
  // The emulator stores objects in memory-backed files where the system has them: a server's disk
  // is no client's doing, and this VM's disk slowed tenfold for minutes after large deletions.
  const storage = await mkdtemp(
    join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'sentry-snapshots-bench-'),
  );

  const report = {
    date: new Date().toISOString(),
    command,
    machine: describeMachine(),
    commit: build.commit,
    options: { sizes, runs, largeRuns, clients: clients.map((client) => client.name) },
  };

  try {
    const sets = [];
    // The far link uploads the 1,000-image set, whatever the sizes.
    const farSizes = only.has('far') && !sizes.includes(1000) ? [1000] : [];
    for (const size of [...sizes, ...farSizes]) {
      const base = await ensureScreenshotSet(size, log);
      sets.push({ base, changed: await ensureChangedSet(base, log) });
    }
    const measure = (part) => !values['generate-only'] && only.has(part);
    if (measure('startup')) {
      log('start-up …');
      report.startup = await measureStartup({ runs: 20, tmp, build: build.root, node: process.execPath });
      const node24 = node24Binary();
      if (node24) report.startup24 = await measureStartup({ runs: 20, tmp, build: build.root, node: node24 });
    }
    if (measure('hashing')) {
      report.hashing = [];
      for (const { base } of sets) {
        log(`hashing ${base.name} …`);
        report.hashing.push(await measureHashing(base, { runs: Math.max(3, runs), tmp, build: build.root }));
      }
    }
    if (measure('emulator')) {
      log('emulator alone …');
      report.emulatorAlone = await measureEmulatorAlone();
    }
    const emulatorEntry = pathToFileURL(join(build.root, 'apps/emulator/dist/index.mjs')).href;
    if (measure('far')) {
      const emulators = createEmulatorThread(emulatorEntry);
      log(`far link (${farLink.latencyMs} ms, ${farLink.uplinkMbps} Mbit/s): ${runs} runs …`);
      const samples = await measureUploads({
        sets: sets.filter(({ base }) => base.spec.count === 1000),
        clients,
        runs,
        largeRuns,
        timeoutMs: Number(values['timeout-minutes']) * 60_000,
        tmp,
        storage,
        startEmulator: emulators.startEmulator,
        log,
        link: farLink,
        scenarios: ['cold', 'warm'],
        onSample: async (sofar) => {
          report.farLink = { link: farLink, samples: sofar, rows: summarizeUploads(sofar) };
          await writeReport(resultsDir, values.out, report);
        },
      }).finally(() => emulators.close());
      report.farLink = { link: farLink, samples, rows: summarizeUploads(samples) };
    }
    if (measure('uploads')) {
      // The emulator's built package, by path (bench/ is no workspace package), from the frozen copy.
      const emulators = createEmulatorThread(emulatorEntry);
      log(`uploads: ${clients.map((client) => client.name).join(', ')}; ${runs} runs …`);
      const samples = await measureUploads({
        sets: sets.filter(({ base }) => sizes.includes(base.spec.count)),
        clients,
        runs,
        largeRuns,
        timeoutMs: Number(values['timeout-minutes']) * 60_000,
        tmp,
        storage,
        startEmulator: emulators.startEmulator,
        log,
        // Written after every upload, so a long run stopped half-way still leaves its numbers.
        onSample: async (sofar) => {
          report.uploads = { samples: sofar, rows: summarizeUploads(sofar) };
          await writeReport(resultsDir, values.out, report);
        },
      }).finally(() => emulators.close());
      report.uploads = { samples, rows: summarizeUploads(samples) };
    }
    if (!values['generate-only']) {
      await writeReport(resultsDir, values.out, report);
      process.stdout.write(`${renderMarkdown(report)}\n`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await rm(storage, { recursive: true, force: true });
  }
}
