import { renderMachine } from './describe-machine.mjs';
import { engines } from './measure-comparisons.mjs';
import { writeAtomically } from './write-report.mjs';

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
const fixed = (value, digits) => (value === null ? '—' : value.toFixed(digits));
const count = (value) => value.toLocaleString('en-US');

function sideBySide(rows) {
  const pairs = [...new Set(rows.map((row) => row.pair))];
  const lines = [
    `| image | ${engines.map((engine) => engine.name).join(' | ')} |`,
    `|---|${engines.map(() => '--:').join('|')}|`,
  ];
  for (const pair of pairs) {
    const first = rows.find((row) => row.pair === pair);
    const cells = engines.map((engine) => {
      const row = rows.find((other) => other.pair === pair && other.engine === engine.id);
      return `${fixed(row.msPerMegapixel, 1)} ms/MP`;
    });
    lines.push(`| ${first.format.toUpperCase()} ${first.width}×${first.height} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function detail(rows) {
  const lines = [
    '| image | engine | ms / pair | ms/MP | pairs/s | peak RSS | changed pixels | ÷ ours (pixels) | ÷ ours (time) |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.pair} | ${row.engineName} | ${fixed(row.ms, 1)} | ${fixed(row.msPerMegapixel, 1)} | ` +
        `${fixed(row.pairsPerSecond, 1)} | ${megabytes(row.peakRssBytes)} | ${count(row.changedPixels)} | ` +
        `${fixed(row.changedPixelsOverOurs, 3)} | ${fixed(row.timeOverOurs, 2)} |`,
    );
  }
  return lines.join('\n');
}

function snapshotSets(sets) {
  const lines = [
    '| head (every tenth image) | pairs | identical hashes | compared | changed | errored | median time | pairs/s | ms per compared MP | peak RSS |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const set of sets) {
    lines.push(
      `| ${set.change} | ${count(set.pairs)} | ${count(set.identical)} | ${count(set.pairs - set.identical)} ` +
        `(${fixed(set.decodedPixels / 1e6, 1)} MP) | ${count(set.changed)} | ${count(set.errored)} | ` +
        `${fixed(set.ms / 1000, 2)} s | ${fixed(set.pairsPerSecond, 0)} | ${fixed(set.msPerComparedMegapixel, 1)} | ` +
        `${megabytes(set.peakRssBytes)} |`,
    );
  }
  return lines.join('\n');
}

export function renderCompareMarkdown(report) {
  const { comparisons } = report;
  const [set] = comparisons.snapshotSets;
  return [
    '# Benchmark: image comparison against odiff-bin and pure-JS pixelmatch',
    '',
    `Run ${report.date} with \`${report.command}\` on ${renderMachine(report.machine)}, commit ${report.commit.slice(0, 10)}.`,
    '',
    'Each engine compares the same base/head pair (a UI-like screen with one button recoloured and one',
    'text line redrawn) in its own process: one warm-up, then the median of',
    `${comparisons.pairs[0]?.runs} runs. Same settings for all: colour threshold 0.01 (sentry-cli's),`,
    'anti-aliased pixels ignored. Core and pixelmatch get the bytes in memory; odiff reads its files',
    'itself, and its per-pair rows include starting a process: the binary itself, or the `odiff`',
    "command odiff-bin installs (a Node script that starts the binary, so Node's start-up too). Times",
    'are wall times of one pair at a time (core decodes base and head on two libvips threads).',
    'ms/MP is per megapixel of one image; peak RSS covers the process tree; "÷ ours" is the engine',
    'over sentry-snapshots core. On a shared machine single numbers move by ±20%: read the ratios.',
    '',
    '## Per megapixel, side by side',
    '',
    sideBySide(comparisons.pairs),
    '',
    '## Details and agreement',
    '',
    detail(comparisons.pairs),
    '',
    `## A snapshot of ${count(set.pairs)} images through \`compareSnapshots\``,
    '',
    `The upload benchmark's \`${set.base}\` (${set.width}×${set.height}, a JPEG every 50) against a head`,
    'with every tenth image changed; images read from disk, diff masks encoded for changed images;',
    'identical content hashes are settled without decoding; pairs run concurrently (twice the CPUs).',
    `Median of ${set.runs} runs, after reading and hashing both folders. ms per compared MP counts one`,
    'image of each compared pair; pairs/s counts all 1,000.',
    '',
    snapshotSets(comparisons.snapshotSets),
    '',
  ].join('\n');
}

export async function writeCompareReport(dir, name, report) {
  await writeAtomically(`${dir}/${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomically(`${dir}/${name}.md`, renderCompareMarkdown(report));
}
