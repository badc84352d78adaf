import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { runProcess } from '@sentry-snapshots/test-kit/run-process';
import { describe, expect, it } from 'vitest';

// The root README's promises that a test can hold: its two first commands, and the migration table
// from `sentry-cli snapshots upload`, which must name every flag of the official CLI's upload and
// only flags our upload has.

const root = new URL('../../../', import.meta.url);
const readRootFile = (path: string) => readFile(new URL(path, root), 'utf8');
const sentryCli = fileURLToPath(new URL('../node_modules/.bin/sentry-cli', import.meta.url));

/** `--flag` words of a text: what a help page or a table cell offers. */
const flagsIn = (text: string) =>
  new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map(([flag]) => flag));

async function migrationTable(): Promise<{ theirs: Set<string>; ours: Set<string> }> {
  const readme = await readRootFile('README.md');
  const section = readme.split('## Migrating from `sentry-cli snapshots upload`')[1]?.split('\n## ')[0] ?? '';
  const rows = section.split('\n').filter((line) => /^\| `/.test(line));
  const cells = rows.map((row) => row.split(' | '));
  return {
    theirs: flagsIn(cells.map((cell) => cell[0] ?? '').join(' ')),
    ours: flagsIn(cells.map((cell) => cell[1] ?? '').join(' ')),
  };
}

describe('the root README', () => {
  it('starts with the demo and the whole test suite, the commands CI runs', async () => {
    const readme = await readRootFile('README.md');
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(commands).toEqual([
      'npx -y pnpm@12.4.2 install && npx -y pnpm@12.4.2 demo',
      'npx -y pnpm@12.4.2 install && npx -y pnpm@12.4.2 test',
    ]);
    const { scripts } = JSON.parse(await readRootFile('package.json'));
    expect(scripts.demo).toContain('node examples/demo.mjs');
    expect(scripts.test).toContain('vitest run');
    expect(await readRootFile('.ci/run')).toMatch(/^pnpm test$/m);
  });

  it("names every flag of sentry-cli's snapshots upload in the migration table", async () => {
    const help = await runProcess(sentryCli, ['snapshots', 'upload', '--help']);
    expect(help.code, help.stderr).toBe(0);
    const official = [...flagsIn(help.stdout)].filter((flag) => flag !== '--help');
    expect(official.length).toBeGreaterThan(15);
    const { theirs } = await migrationTable();
    expect(official.filter((flag) => !theirs.has(flag))).toEqual([]);
  });

  it('offers in its column only flags our upload has', async () => {
    const help = await runCli(['upload', '--help']);
    expect(help.code).toBe(0);
    const { ours } = await migrationTable();
    const available = flagsIn(help.stdout);
    expect(ours.size).toBeGreaterThan(15);
    expect([...ours].filter((flag) => !available.has(flag))).toEqual([]);
  });
});
