import { join } from 'node:path';
import { ComparisonStateSchema, UploadResultSchema } from '@sentry-snapshots/core/contract';
import { startEmulator } from '@sentry-snapshots/emulator';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { beforeAll, describe, expect, it } from 'vitest';

const testbed = useTestEmulator(startEmulator);
let images: string;

beforeAll(async () => {
  images = join(testbed.dir, 'images');
  await writePng(join(images, 'home.png'), { width: 6, height: 4, seed: 41 });
  await writePng(join(images, 'settings.png'), { width: 5, height: 5, seed: 42 });
});

const upload = (args: string[]) =>
  testbed.cli(['upload', images, '--app-id', 'wait-app', '--no-git-metadata', ...args]);
/** A base that never arrives: the emulator keeps the comparison waiting for it. */
const withBase = ['--base-sha', 'b'.repeat(40), '--base-repo-name', 'acme/web'];

describe('sentry-snapshots upload --wait', () => {
  it('shows the upload summary, then the comparison as status does; a solo head settles at once', async () => {
    const run = await upload(['--wait']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Uploaded /m);
    expect(run.stdout).toMatch(/^Snapshot {4}\d+ \(app wait-app, 2 images\)$/m);
    expect(run.stdout).toContain('Comparison  solo, no base to compare with\n');
    expect(run.stdout).toMatch(
      /\nNothing was compared: no base commit was sent, so snapshot \d+ is a base build\.\nTo compare, give its base: --base-sha with --base-repo-name .*sentry-snapshots doctor.*\n$/,
    );
  });

  it('prints one JSON document with --json: the upload result plus the comparison', async () => {
    const run = await upload(['--fail-on-changes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout);
    const result = UploadResultSchema.parse(output);
    expect(output.comparison.summary).toMatchObject({
      artifactId: result.artifactId,
      type: 'solo',
      state: null,
      hasChanges: false,
      approved: false,
    });
    expect(output.comparison.detail).toMatchObject({
      head_artifact_id: result.artifactId,
      app_id: 'wait-app',
    });
  });

  it('gives up after --wait-timeout with exit 51 while the comparison waits for its base', async () => {
    const run = await upload([...withBase, '--wait', '--wait-timeout', '2']);
    expect(run.code).toBe(51);
    expect(run.stdout).toMatch(/^Uploaded /m);
    expect(run.stderr).toMatch(
      /^Waiting for the comparison of snapshot \d+: waiting_for_base \(base commit bbbbbbb has no snapshot yet; Sentry compares as soon as one is uploaded\)$/m,
    );
    expect(run.stderr).toMatch(
      /^error: The comparison of snapshot \d+ did not finish within 2 s \(state: waiting_for_base\)\. Base commit bbbbbbb has no snapshot yet\.$/m,
    );
    expect(run.stderr).toMatch(
      /^hint: Pass --wait-timeout.*A snapshot of bbbbbbb is made by an upload from the base branch's CI, at that commit\. .*read it later by its snapshot id \(\d+\)\.$/m,
    );
  });

  it('fails at once with --require-base (exit 52) when the base commit has no snapshot, naming it', async () => {
    const run = await upload([...withBase, '--require-base']);
    expect(run.code, run.stderr).toBe(52);
    expect(run.stdout).toMatch(/^Uploaded /m);
    expect(run.stdout).toContain(
      "Nothing compared yet: Base commit bbbbbbb has no snapshot; Sentry compares as soon as one is uploaded. A snapshot of bbbbbbb is made by an upload from the base branch's CI, at that commit.",
    );
    expect(run.stderr).toMatch(
      /^error: Base commit bbbbbbb has no snapshot to compare snapshot \d+ with\.$/m,
    );
    expect(run.stderr).toMatch(/^hint: Pass --require-base\. A snapshot of bbbbbbb is made by an upload/m);
  });

  it('keeps the upload result in the JSON error of a wait that runs out', async () => {
    const run = await upload([...withBase, '--fail-on-changes', '--wait-timeout', '0.5', '--json']);
    expect(run.code).toBe(51);
    const { error, exitCode } = JSON.parse(run.stdout);
    expect(exitCode).toBe(51);
    expect(error).toMatchObject({ code: 'WAIT_TIMEOUT', family: 'comparison' });
    const uploaded = UploadResultSchema.parse(error.details.upload);
    expect(error.details.artifactId).toBe(uploaded.artifactId);
    expect(ComparisonStateSchema.parse(error.details.comparisonState)).toBe('waiting_for_base');
  });

  it('prints nothing but the error with --quiet', async () => {
    const run = await upload([...withBase, '--wait', '--wait-timeout', '0', '--quiet']);
    expect(run.code).toBe(51);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: The comparison of snapshot \d+ did not finish/);
  });

  it('fails on a changed image with exit 50 and names it; an identical head passes', async () => {
    const commit = (digit: string) => digit.repeat(40);
    /** A build that Sentry records as a commit; with `base`, a head compared with that commit. */
    const uploadBuild = (folder: string, head: string, base?: string, extra: string[] = []) =>
      testbed.cli([
        'upload',
        folder,
        ...['--app-id', 'compare-app', '--no-git-metadata', '--vcs-provider', 'github'],
        ...['--head-repo-name', 'acme/web', '--head-ref', base ? 'feature' : 'main', '--head-sha', head],
        ...(base ? ['--base-sha', base, '--base-repo-name', 'acme/web', '--fail-on-changes'] : []),
        ...extra,
      ]);
    const baseline = join(testbed.dir, 'baseline');
    const changed = join(testbed.dir, 'changed');
    await writePng(join(baseline, 'home.png'), { width: 8, height: 6, seed: 51 });
    await writePng(join(baseline, 'settings.png'), { width: 8, height: 6, seed: 52 });
    await writePng(join(changed, 'home.png'), { width: 8, height: 6, seed: 51 });
    await writePng(join(changed, 'settings.png'), { width: 8, height: 6, seed: 99 });
    const base = await uploadBuild(baseline, commit('1'));
    expect(base.code, base.stderr).toBe(0);

    const failing = await uploadBuild(changed, commit('2'), commit('1'), ['--wait-timeout', '60']);
    expect(failing.code, failing.stderr).toBe(50);
    expect(failing.stdout).toContain('Comparison  diff, success\n');
    expect(failing.stdout).toContain('\nChanged:\n  settings.png\n');
    expect(failing.stdout.endsWith('Changes found.\n')).toBe(true);
    expect(failing.stderr).toMatch(
      /^error: Snapshot \d+ differs from its base: 1 changed\. Changed: settings\.png\.$/m,
    );

    const json = await uploadBuild(changed, commit('3'), commit('1'), ['--json']);
    expect(json.code, json.stderr).toBe(50);
    const { error } = JSON.parse(json.stdout);
    expect(error).toMatchObject({
      code: 'CHANGES_DETECTED',
      details: { summary: { names: { changed: ['settings.png'] } } },
    });
    expect(UploadResultSchema.parse(error.details.upload).artifactId).toBe(error.details.summary.artifactId);

    const identical = await uploadBuild(baseline, commit('4'), commit('1'), ['--wait-timeout', '60']);
    expect(identical.code, identical.stderr).toBe(0);
    expect(identical.stdout).toContain('Comparison  diff, success\n');
    expect(identical.stdout.endsWith('No changes.\n')).toBe(true);
  });

  it('refuses a bad --wait-timeout and --dry-run before uploading anything (exit 10)', async () => {
    testbed.emulator.resetStats();
    const badTimeout = await upload(['--wait', '--wait-timeout', 'soon']);
    expect(badTimeout.code).toBe(10);
    expect(badTimeout.stderr).toContain(
      'error: Invalid --wait-timeout "soon": must be a duration in seconds, or with a unit: 90s, 10m, 1h',
    );
    const dryRun = await upload(['--fail-on-changes', '--dry-run']);
    expect(dryRun.code).toBe(10);
    expect(dryRun.stderr).toMatch(
      /^error: option '--fail-on-changes' cannot be used with option '--dry-run'/m,
    );
    expect(testbed.emulator.stats.requests['POST create-snapshot']).toBeUndefined();
  });
});
