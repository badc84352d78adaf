import { runCli, spawnCli } from '@sentry-snapshots/test-kit/run-cli';
import { describe, expect, it } from 'vitest';

describe('help', () => {
  it('answers `help <command>` as `<command> --help` does, as sentry-cli has it', async () => {
    const viaHelp = await runCli(['help', 'upload']);
    const viaFlag = await runCli(['upload', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toMatch(/^Usage: sentry-snapshots upload \[options\] <path\.\.\.>/);
    const finalize = await runCli(['finalize', '--help']);
    expect(finalize.stdout).toMatch(/^Usage: sentry-snapshots finalize \[options\] <shard\.\.\.>/);
    expect(finalize.stdout).toContain('--expect-shards <N>');
    const bare = await runCli(['help']);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toBe('');
    expect(bare.stdout).toContain('help [command]');
  });

  it('exits quietly when its reader goes away (`--help | head`)', async () => {
    const run = spawnCli(['--help']);
    run.child.stdout?.destroy();
    const result = await run.result;
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.code).toBe(0);
  });
});
