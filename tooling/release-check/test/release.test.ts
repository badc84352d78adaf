import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { writeScreenshotSet } from '@sentry-snapshots/test-kit/images';
import { type ProcessResult, runProcess, spawnProcess } from '@sentry-snapshots/test-kit/run-process';
import { createTempDir, type TempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNode24, repositoryRoot } from './machine.js';

// The first release prepared the way every later one is, on a copy of this working tree: the pending
// changesets become versions and changelogs, every published package is built and packed (pnpm
// rewrites `workspace:` ranges), and the tarballs are installed with plain npm into a fresh project,
// where the CLI, the emulator and the SDK run on Node 20 (this process's) and Node 24.

const published = [
  { name: '@sentry-snapshots/core', dir: 'packages/core' },
  { name: '@sentry-snapshots/node', dir: 'packages/node-sdk' },
  { name: '@sentry-snapshots/cli', dir: 'packages/cli' },
  { name: '@sentry-snapshots/emulator', dir: 'apps/emulator' },
] as const;

const nodes = [
  { label: 'Node 20', bin: process.execPath },
  { label: 'Node 24', bin: findNode24() },
];

/** This machine's environment for the tools run here, less what vitest and a parent pnpm set. */
const toolEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^(npm_|pnpm_|VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$|INIT_CWD$)/i.test(key),
  ),
);

/** Loopback is reached directly; any other host meets a closed proxy port, so nothing reaches sentry.io. */
const offlineEnv = {
  HTTPS_PROXY: 'http://127.0.0.1:9',
  HTTP_PROXY: 'http://127.0.0.1:9',
  NO_PROXY: '127.0.0.1,localhost',
};

function showResult(result: ProcessResult): string {
  return `exit ${result.code}${result.signal ? ` (${result.signal})` : ''}\n${result.stdout}\n${result.stderr}`;
}

async function run(command: string, args: string[], cwd: string): Promise<string> {
  const result = await runProcess(command, args, { cwd, env: toolEnv, timeoutMs: 300_000 });
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${showResult(result)}`);
  return result.stdout;
}

const pnpm = (args: string[], cwd: string) => run('npx', ['-y', 'pnpm@12.4.2', ...args], cwd);

/** Tracked and new (not ignored) files: a fresh clone of this working tree, uncommitted edits included. */
async function copyWorkingTree(to: string): Promise<void> {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  });
  for (const file of new Set(listed.split('\0').filter(Boolean))) {
    const from = join(repositoryRoot, file);
    if (!existsSync(from)) continue; // deleted, not yet committed
    await mkdir(dirname(join(to, file)), { recursive: true });
    await cp(from, join(to, file), { verbatimSymlinks: true });
  }
}

interface Release {
  work: TempDir;
  repo: string;
  app: string;
  version: string;
  pendingBefore: string[];
  /** Each package's tarball, unpacked: what npm puts in node_modules. */
  unpacked: Map<string, string>;
}

let release: Release | undefined;
let workDir: TempDir | undefined;

const prepared = (): Release => {
  if (!release) throw new Error('the release was not prepared (see the error of beforeAll)');
  return release;
};

const pendingChangesets = async (repo: string) =>
  (await readdir(join(repo, '.changeset'))).filter((file) => file.endsWith('.md') && file !== 'README.md');

beforeAll(async () => {
  const work = await createTempDir('sentry-snapshots-release-');
  workDir = work;
  const repo = join(work.path, 'repo');
  const tarballs = join(work.path, 'tarballs');
  const app = join(work.path, 'app');
  await copyWorkingTree(repo);
  const pendingBefore = await pendingChangesets(repo);
  await pnpm(['install', '--frozen-lockfile', '--prefer-offline'], repo);
  await pnpm(['exec', 'changeset', 'version'], repo);
  const { version } = JSON.parse(await readFile(join(repo, 'packages/cli/package.json'), 'utf8'));
  await pnpm(
    [
      'exec',
      'turbo',
      'run',
      'build',
      '--output-logs=errors-only',
      ...published.map((p) => `--filter=${p.name}`),
    ],
    repo,
  );
  await mkdir(tarballs);
  const unpacked = new Map<string, string>();
  const tarballFiles: string[] = [];
  for (const { name, dir } of published) {
    const before = new Set(await readdir(tarballs));
    await pnpm(['pack', '--pack-destination', tarballs], join(repo, dir));
    const tarball = (await readdir(tarballs)).find((file) => !before.has(file));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${name}`);
    tarballFiles.push(join(tarballs, tarball));
    const into = join(work.path, 'unpacked', dir);
    await mkdir(into, { recursive: true });
    await run('tar', ['-xzf', join(tarballs, tarball), '-C', into], work.path);
    unpacked.set(name, join(into, 'package'));
  }
  // A fresh project, as a user has one: plain npm, the tarballs, their dependencies from the registry.
  await mkdir(app);
  await writeFile(join(app, 'package.json'), `${JSON.stringify({ name: 'fresh-app', private: true })}\n`);
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballFiles], app);
  release = { work, repo, app, version, pendingBefore, unpacked };
});

afterAll(async () => {
  await workDir?.remove();
});

describe('changeset version', () => {
  it('gives the action the major version its docs name (`packages/action@v<major>`)', async () => {
    const { repo } = prepared();
    const { version } = JSON.parse(await readFile(join(repo, 'packages/action/package.json'), 'utf8'));
    const docs = ['README.md', 'packages/action/README.md', 'examples/workflows/snapshots-pull-request.yml'];
    for (const doc of docs) {
      const text = await readFile(join(repositoryRoot, doc), 'utf8');
      const majors = [...text.matchAll(/packages\/action@v(\d+)\b/g)].map(([, major]) => major);
      expect(majors.length, doc).toBeGreaterThan(0);
      expect(new Set(majors), doc).toEqual(new Set([version.split('.')[0]]));
    }
  });

  it('turns every pending changeset into one version of the published packages', async () => {
    const { repo, version, pendingBefore } = prepared();
    expect(pendingBefore.length).toBeGreaterThan(0);
    expect(await pendingChangesets(repo)).toEqual([]);
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(version).not.toBe('0.0.0');
    for (const { dir } of published) {
      const manifest = JSON.parse(await readFile(join(repo, dir, 'package.json'), 'utf8'));
      expect(manifest.version, dir).toBe(version);
    }
  });

  it("writes each published package's CHANGELOG.md with the words of its changesets", async () => {
    const { repo, version } = prepared();
    const committed = join(repositoryRoot, '.changeset'); // the copy has consumed its own
    const changesets = await Promise.all(
      (await pendingChangesets(repositoryRoot)).map((file) => readFile(join(committed, file), 'utf8')),
    );
    for (const { name, dir } of published) {
      const changelog = await readFile(join(repo, dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog, dir).toContain(`# ${name}`);
      expect(changelog, dir).toContain(`## ${version}`);
      const own = changesets.filter((text) => text.split('---')[1]?.includes(`"${name}"`));
      expect(own.length, `changesets naming ${name}`).toBeGreaterThan(0);
      for (const text of own) {
        const firstLine = text.split('---').slice(2).join('---').trim().split('\n')[0] ?? '';
        expect(changelog, dir).toContain(firstLine);
      }
    }
  });
});

/** Bare imports of a built file: the packages it needs at run time. */
function importedPackages(code: string): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\bfrom\s*["']([^"'.][^"']*)["']/g,
    /\bimport\s*\(\s*["']([^"'.][^"']*)["']\s*\)/g,
    /\bimport\s*["']([^"'.][^"']*)["']/g,
    /\brequire\s*\(\s*["']([^"'.][^"']*)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const [, specifier] of code.matchAll(pattern)) {
      if (
        !specifier ||
        specifier.startsWith('node:') ||
        builtinModules.includes(specifier.split('/')[0] ?? '')
      )
        continue;
      const parts = specifier.split('/');
      found.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
    }
  }
  return found;
}

/** The files an `exports` map points at (its leaves), not its keys. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(join(dir, entry.name), path)));
    else files.push(path);
  }
  return files;
}

describe.each(published)('the packed $name', ({ name }) => {
  it('has its version, no workspace ranges, its docs and licence, and every file its exports name', async () => {
    const { unpacked, version } = prepared();
    const dir = unpacked.get(name) ?? '';
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(manifest.version).toBe(version);
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    const files = await listFiles(dir);
    // Whatever is not built code is what a user reads on the registry's page and in node_modules.
    expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'package.json',
    ]);
    for (const target of exportTargets(manifest.exports))
      expect(existsSync(join(dir, target)), target).toBe(true);
    for (const bin of Object.values<string>(manifest.bin ?? {})) {
      const code = await readFile(join(dir, bin), 'utf8');
      expect(code.startsWith('#!/usr/bin/env node\n'), `${bin} starts with a node shebang`).toBe(true);
    }
  });

  it('declares every package its built code imports as a dependency', async () => {
    const { unpacked } = prepared();
    const dir = unpacked.get(name) ?? '';
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const declared = new Set([
      name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
    ]);
    const built = (await listFiles(join(dir, 'dist'))).filter((file) => /\.(m?js|cjs)$/.test(file));
    const undeclared = new Set<string>();
    for (const file of built) {
      for (const imported of importedPackages(await readFile(join(dir, 'dist', file), 'utf8'))) {
        if (!declared.has(imported)) undeclared.add(`${imported} (in dist/${file})`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });
});

interface InstalledEmulator {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts the installed emulator's bin on a free port; its URL and token come from what it prints. */
async function startInstalledEmulator(
  node: string,
  app: string,
  dataDir: string,
): Promise<InstalledEmulator> {
  const bin = join(app, 'node_modules/@sentry-snapshots/emulator/dist/bin.mjs');
  const emulator = spawnProcess(node, [bin, '--port', '0', '--data', dataDir], {
    cwd: app,
    env: { ...offlineEnv },
    timeoutMs: 300_000,
  });
  let printed = '';
  emulator.child.stdout?.on('data', (chunk: string) => {
    printed += chunk;
  });
  await emulator.waitForOutput(/Auth token: \S+\n/); // also resolves when it exits
  const url = /listening on (http:\/\/\S+)/.exec(printed)?.[1];
  const token = /Auth token: (\S+)/.exec(printed)?.[1];
  if (!url || !token) {
    emulator.child.kill('SIGKILL');
    throw new Error(`the installed emulator did not start: ${showResult(await emulator.result)}`);
  }
  return {
    url,
    token,
    stop: async () => {
      emulator.child.kill('SIGTERM');
      await emulator.result;
    },
  };
}

describe.each(nodes)('installed with npm, on $label', ({ label, bin: node }) => {
  const slug = label.replace(' ', '').toLowerCase();
  let emulator: InstalledEmulator | undefined;
  let screenshots = '';

  beforeAll(async () => {
    const { app, work } = prepared();
    screenshots = join(work.path, `screenshots-${slug}`);
    await writeScreenshotSet(screenshots, { count: 6, sidecarEvery: 2, jpegEvery: 3, width: 64, height: 96 });
    emulator = await startInstalledEmulator(node, app, join(work.path, `emulator-${slug}`));
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  /** The environment of a user's run: this Node first on PATH, the emulator as Sentry, no other host. */
  const userEnv = (): Record<string, string> => ({
    PATH: `${dirname(node)}:${process.env.PATH}`,
    ...offlineEnv,
    SENTRY_URL: emulator?.url ?? '',
    SENTRY_AUTH_TOKEN: emulator?.token ?? '',
    SENTRY_ORG: 'acme',
    SENTRY_PROJECT: 'web',
  });

  /** The installed bin through its `node_modules/.bin` link and its shebang. */
  const runInstalled = (args: string[]) =>
    runProcess(join(prepared().app, 'node_modules/.bin/sentry-snapshots'), args, {
      cwd: prepared().app,
      env: userEnv(),
      timeoutMs: 120_000,
    });

  const runNode = (args: string[]) =>
    runProcess(node, args, { cwd: prepared().app, env: userEnv(), timeoutMs: 120_000 });

  it('prints the released version and its help', async () => {
    const { version } = prepared();
    const versionRun = await runInstalled(['--version']);
    expect(versionRun.code, showResult(versionRun)).toBe(0);
    expect(versionRun.stdout.trim()).toBe(version);
    const help = await runInstalled(['--help']);
    expect(help.code, showResult(help)).toBe(0);
    for (const command of ['upload', 'status', 'download', 'diff', 'doctor'])
      expect(help.stdout).toContain(command);
  });

  it('uploads a folder to the installed emulator', async () => {
    const upload = await runInstalled(['upload', screenshots, '--app-id', `cli-${slug}`, '--json']);
    expect(upload.code, showResult(upload)).toBe(0);
    const result = JSON.parse(upload.stdout);
    expect(result.images.count).toBe(6);
    expect(result.artifactId).toMatch(/^\d+$/);
    expect(result.snapshotUrl).toContain(`/organizations/acme/`);
  });

  const sdkScript = (load: string) => `${load}
uploadSnapshots({ path: ${JSON.stringify('SHOTS')}, appId: 'APP' }).then(
  (result) => console.log(JSON.stringify({ node: process.version, count: result.images.count, id: result.artifactId })),
  (error) => { console.error(error); process.exitCode = 1; },
);`;

  it('imports the SDK as ESM and uploads with it', async () => {
    const script = sdkScript("import { uploadSnapshots } from '@sentry-snapshots/node';")
      .replace('SHOTS', screenshots)
      .replace('APP', `esm-${slug}`);
    const ran = await runNode(['--input-type=module', '--eval', script]);
    expect(ran.code, showResult(ran)).toBe(0);
    const printed = JSON.parse(ran.stdout);
    expect(printed).toMatchObject({
      node: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim(),
      count: 6,
    });
  });

  it('requires the SDK from CommonJS and uploads with it', async () => {
    const script = sdkScript("const { uploadSnapshots } = require('@sentry-snapshots/node');")
      .replace('SHOTS', screenshots)
      .replace('APP', `cjs-${slug}`);
    const ran = await runNode(['--input-type=commonjs', '--eval', script]);
    expect(ran.code, showResult(ran)).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ count: 6 });
  });
});

describe("the SDK's types in a fresh TypeScript project", () => {
  const tsc = join(repositoryRoot, 'node_modules/typescript/bin/tsc');
  const typeRoots = [join(repositoryRoot, 'node_modules/@types')];
  // Types must resolve, not fall back to `any`: the expected error proves it.
  const source = `import { type UploadSnapshotsResult, uploadSnapshots } from '@sentry-snapshots/node';
export const pending: Promise<UploadSnapshotsResult> = uploadSnapshots({ path: 'shots', appId: 'web' });
// @ts-expect-error appId is a string
uploadSnapshots({ path: 'shots', appId: 42 });
`;
  const settings = [
    // node16 reads `.ts` as ESM only in a package of `"type": "module"`.
    { module: 'node16', moduleResolution: 'node16', files: ['index.mts', 'index.ts'], type: 'module' },
    { module: 'nodenext', moduleResolution: 'nodenext', files: ['index.mts', 'index.cts'] },
    { module: 'preserve', moduleResolution: 'bundler', files: ['index.ts', 'index.mts'] },
  ];

  it.each(settings)('resolves them with moduleResolution $moduleResolution ($files)', async (setting) => {
    const { app } = prepared();
    const project = join(app, `types-${setting.moduleResolution}`);
    await mkdir(project, { recursive: true });
    const compilerOptions = {
      module: setting.module,
      moduleResolution: setting.moduleResolution,
      target: 'es2022',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots,
    };
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions, files: setting.files }),
    );
    if (setting.type) await writeFile(join(project, 'package.json'), JSON.stringify({ type: setting.type }));
    for (const file of setting.files) await writeFile(join(project, file), source);
    const checked = await runProcess(process.execPath, [tsc, '-p', project], {
      cwd: project,
      timeoutMs: 120_000,
    });
    expect(checked.code, showResult(checked)).toBe(0);
  });
});
