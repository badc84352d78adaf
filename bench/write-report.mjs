import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { median } from './statistics.mjs';

export const ours = 'sentry-snapshots';
const isOurs = (client) => client.startsWith(ours);
const peers = { cli: 'sentry-cli 3.8.0', sentry: 'sentry 0.49.0' };

/** Ours ÷ each peer per images × scenario at the end of issue 6 (small images then): no cell may get worse. */
function previousRatios() {
  try {
    const before = JSON.parse(readFileSync(new URL('./results/issue-6.json', import.meta.url), 'utf8'));
    return before.uploads.rows.filter((row) => row.client !== ours);
  } catch {
    return [];
  }
}

/** One row per set × scenario × client: medians over the successful runs, and our ratio to it. */
export function summarizeUploads(samples) {
  const groups = new Map();
  for (const sample of samples) {
    const id = `${sample.set}\u0000${sample.scenario}\u0000${sample.client}`;
    groups.set(id, [...(groups.get(id) ?? []), sample]);
  }
  const rows = [...groups.values()].map((group) => {
    const ok = group.filter((sample) => sample.ok);
    const pick = (field) => (ok.length ? median(ok.map((sample) => sample[field])) : null);
    return {
      set: group[0].set,
      images: group[0].images,
      scenario: group[0].scenario,
      client: group[0].client,
      runs: ok.length,
      failures: group.length - ok.length,
      errors: [...new Set(group.filter((sample) => !sample.ok).map((sample) => sample.error))],
      wallMs: pick('wallMs'),
      peakRssBytes: pick('peakRssBytes'),
      requests: pick('requests'),
      bytesSent: pick('bytesSent'),
      objectsStored: pick('objectsStored'),
    };
  });
  const wallOf = (row, client) =>
    rows.find((other) => other.set === row.set && other.scenario === row.scenario && other.client === client)
      ?.wallMs ?? null;
  for (const row of rows) {
    const mine = wallOf(row, ours);
    row.oursOverThis = mine && row.wallMs ? mine / row.wallMs : null;
    // Each of our variants over each peer.
    const cli = wallOf(row, peers.cli);
    const sentry = wallOf(row, peers.sentry);
    row.overCli = isOurs(row.client) && cli && row.wallMs ? row.wallMs / cli : null;
    row.overSentry = isOurs(row.client) && sentry && row.wallMs ? row.wallMs / sentry : null;
    const fastest = Math.min(...[cli, sentry].filter(Boolean));
    row.overFasterPeer =
      isOurs(row.client) && Number.isFinite(fastest) && row.wallMs ? row.wallMs / fastest : null;
  }
  return rows;
}

const seconds = (ms) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);
const megabytes = (bytes) => (bytes === null ? '—' : `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`);

const ratio = (value) => (value === null || value === undefined ? '' : value.toFixed(2));

function uploadTable(rows) {
  const lines = [
    '| images | scenario | client | wall (median) | peak RSS | requests | bytes sent | ÷ sentry-cli | ÷ sentry |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const failed = row.failures ? ` (${row.failures} failed)` : '';
    lines.push(
      `| ${row.images.toLocaleString('en-US')} | ${row.scenario} | ${row.client}${failed} | ${seconds(row.wallMs)} | ` +
        `${megabytes(row.peakRssBytes)} | ${row.requests ?? '—'} | ${megabytes(row.bytesSent)} | ` +
        `${ratio(row.overCli)} | ${ratio(row.overSentry)} |`,
    );
  }
  return lines.join('\n');
}

/** Seconds the link needs for a row's bytes at its uplink. */
const floorMs = (row, link) => (row.bytesSent * 8) / (link.uplinkMbps * 1000);

function farLinkTable({ rows, link }) {
  const lines = [
    '| client | cold | bytes sent (cold) | link floor | cold ÷ floor | warm | warm ÷ sentry-cli | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const cold of rows.filter((row) => row.scenario === 'cold')) {
    const warm = rows.find((row) => row.scenario === 'warm' && row.client === cold.client);
    const floor = cold.bytesSent === null ? null : floorMs(cold, link);
    lines.push(
      `| ${cold.client} | ${seconds(cold.wallMs)} | ${megabytes(cold.bytesSent)} | ${seconds(floor)} | ` +
        `${floor && cold.wallMs ? (cold.wallMs / floor).toFixed(2) : '—'} | ${seconds(warm?.wallMs ?? null)} | ` +
        `${warm?.client === peers.cli ? '' : ratio(warm?.overCli)} | ${megabytes(cold.peakRssBytes)} |`,
    );
  }
  return lines.join('\n');
}

/** The targets of issue 15, checked against one report: each as [text, passed or null when not measured]. */
export function checkTargets(report) {
  const rows = report.uploads?.rows ?? [];
  const check = (value, limit) => (value === null ? null : value <= limit);
  const worst = (list) => (list.length ? Math.max(...list) : null);
  const shown = (value) => value?.toFixed(2) ?? '—';
  const targets = [];
  for (const [client, label] of [
    [ours, 'Node 20'],
    [`${ours} (Node 24)`, 'Node 24'],
  ]) {
    const mine = rows.filter((row) => row.client === client);
    if (!mine.length) continue;
    for (const scenario of ['warm', '10% changed']) {
      const value = worst(
        mine
          .filter(
            (row) => row.scenario === scenario && row.images <= 10_000 && typeof row.overCli === 'number',
          )
          .map((row) => row.overCli),
      );
      targets.push([
        `${label}, loopback ${scenario}: ÷ sentry-cli ≤ 1.0 at 1,000 and 10,000 (worst ${shown(value)})`,
        check(value, 1),
      ]);
    }
    const cold = worst(
      mine
        .filter((row) => row.scenario === 'cold' && typeof row.overFasterPeer === 'number')
        .map((row) => row.overFasterPeer),
    );
    targets.push([
      `${label}, loopback cold: ÷ the faster official client ≤ 0.5 at every size (worst ${shown(cold)})`,
      check(cold, 0.5),
    ]);
    const far = report.farLink?.rows.filter((row) => row.client === client) ?? [];
    const farCold = far.find((row) => row.scenario === 'cold');
    const farFloor = farCold?.bytesSent ? farCold.wallMs / floorMs(farCold, report.farLink.link) : null;
    targets.push([
      `${label}, far link cold ≤ 1.1 × the link's floor (${shown(farFloor)})`,
      check(farFloor, 1.1),
    ]);
    const farWarm = far.find((row) => row.scenario === 'warm')?.overCli ?? null;
    targets.push([`${label}, far link warm: ÷ sentry-cli ≤ 1.0 (${shown(farWarm)})`, check(farWarm, 1)]);
    const biggest = mine.filter((row) => row.images >= 50_000 && row.peakRssBytes !== null);
    const rss = biggest.length ? Math.max(...biggest.map((row) => row.peakRssBytes)) : null;
    targets.push([
      `${label}, peak RSS ≤ 200 MB at 50,000 images (${rss === null ? '—' : megabytes(rss)})`,
      rss === null ? null : rss <= 200e6,
    ]);
  }
  const worse = [];
  let compared = 0;
  for (const before of previousRatios()) {
    const now = rows.find(
      (row) => row.client === ours && row.images === before.images && row.scenario === before.scenario,
    );
    const value = before.client === peers.cli ? now?.overCli : now?.overSentry;
    if (value === null || value === undefined || before.oursOverThis === null) continue;
    compared += 1;
    // As shown: two decimals.
    if (Number(value.toFixed(2)) > Number(before.oursOverThis.toFixed(2))) {
      worse.push(
        `${before.images.toLocaleString('en-US')} ${before.scenario} ÷ ${before.client}: ${value.toFixed(2)} (was ${before.oursOverThis.toFixed(2)})`,
      );
    }
  }
  targets.push([
    `no cell worse than its ratio at the end of issue 6 (${compared} compared${worse.length ? `; worse: ${worse.join('; ')}` : ''})`,
    compared ? worse.length === 0 : null,
  ]);
  for (const [key, label] of [
    ['startup', 'Node 20'],
    ['startup24', 'Node 24'],
  ]) {
    const value = report[key]?.ratio ?? null;
    targets.push([`${label}, start-up ≤ 1.5 × node -e 0 (${shown(value)})`, check(value, 1.5)]);
  }
  return targets;
}

function designTable(rows) {
  const early = rows.filter((row) => row.client === ours);
  const lines = [
    '| images | scenario | hashing from the entry (kept) | hashing after loading | early ÷ late |',
    '| ---: | --- | ---: | ---: | ---: |',
  ];
  for (const row of early) {
    const late = rows.find(
      (other) =>
        other.set === row.set && other.scenario === row.scenario && other.client === `${ours} (late hashing)`,
    );
    if (!late) continue;
    lines.push(
      `| ${row.images.toLocaleString('en-US')} | ${row.scenario} | ${seconds(row.wallMs)} | ${seconds(late.wallMs)} | ` +
        `${row.wallMs && late.wallMs ? (row.wallMs / late.wallMs).toFixed(2) : '—'} |`,
    );
  }
  return lines.length > 2 ? lines.join('\n') : undefined;
}

export function renderMarkdown(report) {
  const parts = [
    '# Benchmark: sentry-snapshots against the official clients',
    '',
    `Run ${report.date} with \`${report.command}\` on ${report.machine.cpu} (${report.machine.cpus} CPUs), ` +
      `${(report.machine.memoryBytes / 2 ** 30).toFixed(0)} GiB RAM, ${report.machine.os}, Node ${report.machine.node}.`,
    '',
    'Every client uploads to the local emulator (loopback, on a thread of the bench, objects in /dev/shm), started fresh for each client and run:',
    'cold = empty object store, warm = the same folder again, 10% changed = the folder with every tenth',
    'image redrawn. Sets of 1,000 and 10,000 are phone screens (1170×2532, about 215 KB a PNG, a JPEG every 50);',
    'the 50,000 set is small images. Wall time is the median of the runs; peak RSS covers the whole process',
    'tree; requests and bytes are what the emulator received. "÷ sentry-cli" and "÷ sentry" are the row\'s',
    "wall time over that client's (below 1 means faster). sentry-cli runs as its native binary.",
    'sentry-snapshots runs on Node 20 (the bench\'s Node) and on Node 24; "late hashing" is the other design.',
    '',
  ];
  parts.push('## Targets (issue 15)', '');
  for (const [text, passed] of checkTargets(report)) {
    parts.push(`- ${passed === null ? '–' : passed ? '✓' : '✗'} ${text}`);
  }
  parts.push('');
  if (report.uploads) parts.push('## Uploads', '', uploadTable(report.uploads.rows), '');
  if (report.farLink) {
    const { latencyMs, uplinkMbps } = report.farLink.link;
    parts.push(
      '## A far link',
      '',
      `The emulator behind a shaped link: ${latencyMs} ms on every answer, ${uplinkMbps} Mbit/s of uplink shared`,
      'by every connection (apps/emulator/README.md, "A far link"); 1,000 images. The link\'s floor is the',
      'bytes a client sends ÷ the uplink: no client can be faster.',
      '',
      farLinkTable(report.farLink),
      '',
    );
  }
  const designs = report.uploads && designTable(report.uploads.rows);
  if (designs) {
    parts.push(
      '## Two designs',
      '',
      "Hashing started by the CLI's entry before the code loads (kept), against hashing started by the upload",
      'once the code has loaded (`SENTRY_SNAPSHOTS_EARLY_HASHING=0`; what SDK users get). Both hash on one worker',
      'thread per spare core beside the main thread.',
      '',
      designs,
      '',
    );
  }
  const failures = report.uploads?.rows.filter((row) => row.errors.length) ?? [];
  if (failures.length) {
    parts.push('### Failures', '');
    for (const row of failures)
      parts.push(
        `- ${row.client}, ${row.images} images, ${row.scenario}: \`${row.errors[0]?.replaceAll('\n', ' ⏎ ')}\``,
      );
    parts.push('');
  }
  for (const startup of [report.startup, report.startup24].filter(Boolean)) {
    const { node, ours: mine, ratio: value, runs, nodeVersion } = startup;
    parts.push(
      `## Start-up, Node ${nodeVersion ?? report.machine.node}`,
      '',
      `Median of ${runs} runs: \`node -e 0\` ${node.wallMs.toFixed(0)} ms, \`sentry-snapshots --version\` ` +
        `${mine.wallMs.toFixed(0)} ms: ratio ${value.toFixed(2)} (target ≤ 1.5).`,
      '',
    );
  }
  if (report.hashing?.length) {
    parts.push(
      '## Hashing throughput',
      '',
      '| images | bytes | variant | process wall | hashing work | MB/s | files/s | peak RSS |',
      '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const set of report.hashing) {
      for (const variant of set.variants) {
        parts.push(
          `| ${set.images.toLocaleString('en-US')} | ${megabytes(set.bytes)} | ${variant.name} | ${seconds(variant.wallMs)} | ${seconds(variant.workMs)} | ` +
            `${variant.mbPerSecond.toFixed(0)} | ${variant.filesPerSecond.toFixed(0)} | ${megabytes(variant.peakRssBytes)} |`,
        );
      }
    }
    parts.push(
      '',
      'Medians. "Hashing work" is the whole process for sha256sum; for core it is discovery plus reading',
      "(SHA-256 and header from one read), timed inside the process, without Node's start-up and module",
      'loading; MB/s and files/s are over that work.',
      '',
    );
  }
  if (report.emulatorAlone) {
    parts.push(
      '## The emulator alone',
      '',
      '`apps/emulator/bench/object-store-throughput.mjs`:',
      '',
      '```',
      report.emulatorAlone,
      '```',
      '',
    );
  }
  return parts.join('\n');
}

export async function writeAtomically(path, text) {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

export async function writeReport(dir, name, report) {
  await writeAtomically(`${dir}/${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomically(`${dir}/${name}.md`, renderMarkdown(report));
}
