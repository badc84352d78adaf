import { rename, writeFile } from 'node:fs/promises';
import { median } from './statistics.mjs';

export const ours = 'sentry-snapshots';

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
  for (const row of rows) {
    const mine = rows.find(
      (other) => other.set === row.set && other.scenario === row.scenario && other.client === ours,
    );
    row.oursOverThis = mine?.wallMs && row.wallMs ? mine.wallMs / row.wallMs : null;
  }
  return rows;
}

const seconds = (ms) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);
const megabytes = (bytes) => (bytes === null ? '—' : `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`);

function uploadTable(rows) {
  const lines = [
    '| images | scenario | client | wall (median) | peak RSS | requests | bytes sent | ours ÷ this |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const failed = row.failures ? ` (${row.failures} failed)` : '';
    lines.push(
      `| ${row.images.toLocaleString('en-US')} | ${row.scenario} | ${row.client}${failed} | ${seconds(row.wallMs)} | ` +
        `${megabytes(row.peakRssBytes)} | ${row.requests ?? '—'} | ${megabytes(row.bytesSent)} | ` +
        `${row.client === ours || row.oursOverThis === null ? '' : row.oursOverThis.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

/** The targets of issue 6, checked against one report: each as [text, passed or null when not measured]. */
export function checkTargets(report) {
  const rows = report.uploads?.rows ?? [];
  const ratio = (scenario, client) => {
    const values = rows
      .filter(
        (row) => row.scenario === scenario && row.client.startsWith(client) && row.oursOverThis !== null,
      )
      .map((row) => row.oursOverThis);
    return values.length ? Math.max(...values) : null;
  };
  const check = (value, limit) => (value === null ? null : value <= limit);
  const targets = [];
  for (const scenario of ['cold', '10% changed', 'warm']) {
    const cli = ratio(scenario, 'sentry-cli');
    const ts = ratio(scenario, 'sentry 0.49');
    targets.push([
      `${scenario}: ours ÷ sentry-cli ≤ 1.0 at every size (worst ${cli?.toFixed(2) ?? '—'})`,
      check(cli, 1),
    ]);
    targets.push([
      `${scenario}: ours ÷ sentry 0.49.0 ≤ 0.5 at every size (worst ${ts?.toFixed(2) ?? '—'})`,
      check(ts, 0.5),
    ]);
  }
  const biggest = rows.filter(
    (row) => row.client === ours && row.images >= 50_000 && row.peakRssBytes !== null,
  );
  const rss = biggest.length ? Math.max(...biggest.map((row) => row.peakRssBytes)) : null;
  targets.push([
    `peak RSS < 200 MB at 50,000 images (${rss === null ? '—' : megabytes(rss)})`,
    rss === null ? null : rss < 200e6,
  ]);
  const startup = report.startup?.ratio ?? null;
  targets.push([`start-up ≤ 1.5 × node -e 0 (${startup?.toFixed(2) ?? '—'})`, check(startup, 1.5)]);
  return targets;
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
    'image redrawn. Wall time is the median of the runs; peak RSS covers the whole process tree;',
    'requests and bytes are what the emulator received. "ours ÷ this" is our wall time over this',
    "client's (below 1 means sentry-snapshots is faster). sentry-cli runs as its native binary.",
    '',
  ];
  parts.push('## Targets (issue 6)', '');
  for (const [text, passed] of checkTargets(report)) {
    parts.push(`- ${passed === null ? '–' : passed ? '✓' : '✗'} ${text}`);
  }
  parts.push('');
  if (report.uploads) parts.push('## Uploads', '', uploadTable(report.uploads.rows), '');
  const failures = report.uploads?.rows.filter((row) => row.errors.length) ?? [];
  if (failures.length) {
    parts.push('### Failures', '');
    for (const row of failures)
      parts.push(
        `- ${row.client}, ${row.images} images, ${row.scenario}: \`${row.errors[0]?.replaceAll('\n', ' ⏎ ')}\``,
      );
    parts.push('');
  }
  if (report.startup) {
    const { node, ours: mine, ratio, runs } = report.startup;
    parts.push(
      '## Start-up',
      '',
      `Median of ${runs} runs: \`node -e 0\` ${node.wallMs.toFixed(0)} ms, \`sentry-snapshots --version\` ` +
        `${mine.wallMs.toFixed(0)} ms: ratio ${ratio.toFixed(2)} (target ≤ 1.5).`,
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
