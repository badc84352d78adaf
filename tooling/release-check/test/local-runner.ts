import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ProcessResult, runProcess } from '@sentry-snapshots/test-kit/run-process';
import { parse } from 'yaml';

// Runs a workflow job's steps here, the way the runner would for the few things our workflows use:
// `run:` scripts under bash, a local action's `node24` entry with `INPUT_*`, `GITHUB_ENV` and
// `GITHUB_OUTPUT` files, and `${{ env.X }}` / `${{ steps.ID.outputs.X }}` expressions. Anything
// else in an expression is refused, so a workflow cannot pass here on something this runner skips.

export interface LocalStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

export interface LocalRun {
  /** Each step's outputs by id. */
  outputs: Record<string, Record<string, string>>;
  /** What the steps added to `GITHUB_ENV`. */
  env: Record<string, string>;
  /** The log of every step, for failure messages. */
  log: string[];
  /** The step that failed, if one did; the steps after it did not run. */
  failed?: string;
}

interface RunnerContext {
  env: Record<string, string>;
  outputs: Record<string, Record<string, string>>;
}

function evaluate(value: unknown, context: RunnerContext): string {
  return String(value).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const env = /^env\.(\w+)$/.exec(expression);
    if (env?.[1] !== undefined) return context.env[env[1]] ?? '';
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output?.[1] !== undefined && output[2] !== undefined)
      return context.outputs[output[1]]?.[output[2]] ?? '';
    throw new Error(`the local runner does not evaluate \${{ ${expression} }}`);
  });
}

/** `name=value` lines and `name<<delimiter` blocks, as GITHUB_ENV and GITHUB_OUTPUT hold them. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const block = /^([^<=]+)<<(.+)$/.exec(line);
    if (block?.[1] !== undefined && block[2] !== undefined) {
      const end = lines.indexOf(block[2], i + 1);
      values[block[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const pair = /^([^=]+)=(.*)$/.exec(line);
    if (pair?.[1] !== undefined) values[pair[1]] = pair[2] ?? '';
  }
  return values;
}

/** Runs `steps` in `workspace` with Node 24 for the local actions, `jobEnv` as the job's `env:`. */
export async function runStepsLocally(options: {
  steps: LocalStep[];
  jobEnv: Record<string, string>;
  workspace: string;
  temp: string;
  node24: string;
}): Promise<LocalRun> {
  const context: RunnerContext = { env: { ...options.jobEnv }, outputs: {} };
  const log: string[] = [];
  const envFile = join(options.temp, 'github-env');
  const summaryFile = join(options.temp, 'summary.md');
  await writeFile(summaryFile, '');
  for (const [index, step] of options.steps.entries()) {
    const outputFile = join(options.temp, `output-${index}`);
    await Promise.all([writeFile(envFile, ''), writeFile(outputFile, '')]);
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(value, context)]),
    );
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: options.temp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_ENV: envFile,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: options.temp,
      ...context.env,
      ...stepEnv,
    };
    let result: ProcessResult;
    if (step.run !== undefined) {
      const script = join(options.temp, `step-${index}.sh`);
      await writeFile(script, step.run);
      result = await runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: options.workspace,
        env,
      });
    } else if (step.uses?.startsWith('./')) {
      const actionDir = join(options.workspace, step.uses);
      const manifest = parse(await readFile(join(actionDir, 'action.yml'), 'utf8'));
      if (manifest.runs?.using !== 'node24') throw new Error(`${step.uses} does not run on node24`);
      const inputs: Record<string, unknown> = {};
      for (const [name, input] of Object.entries<{ default?: unknown }>(manifest.inputs ?? {})) {
        if (input.default !== undefined && !String(input.default).includes('${{'))
          inputs[name] = input.default;
      }
      Object.assign(inputs, step.with);
      for (const [name, value] of Object.entries(inputs))
        env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = evaluate(value, context);
      result = await runProcess(options.node24, [join(actionDir, manifest.runs.main)], {
        cwd: options.workspace,
        env,
      });
    } else {
      throw new Error(`the local runner runs only scripts and local actions, not ${step.uses}`);
    }
    const label = step.name ?? step.uses ?? step.run;
    log.push(`## ${label}\nexit ${result.code}\n${result.stdout}${result.stderr}`);
    Object.assign(context.env, parseCommandFile(await readFile(envFile, 'utf8')));
    if (result.code !== 0) return { outputs: context.outputs, env: context.env, log, failed: label };
    if (step.id) context.outputs[step.id] = parseCommandFile(await readFile(outputFile, 'utf8'));
  }
  return { outputs: context.outputs, env: context.env, log };
}
