import { fileURLToPath } from 'node:url';
import { runProcess, spawnProcess } from '@sentry-snapshots/test-kit/run-process';
import { describe, expect, it, onTestFinished } from 'vitest';

// The README's demo (`pnpm demo`), run against the built packages as a user runs it.
const demoPath = fileURLToPath(new URL('../../../examples/demo.mjs', import.meta.url));

describe('examples/demo.mjs', () => {
  it('outside a terminal, stops the emulator at the end: CI never hangs on it', async () => {
    const { code, stdout } = await runProcess(process.execPath, [demoPath], { timeoutMs: 60_000 });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^== Emulator running at http:\/\/127\.0\.0\.1:\d+$/m);
    expect(stdout).not.toContain('Ctrl-C');
  }, 60_000);

  it('with --serve, keeps serving what it printed until Ctrl-C, and says so', async () => {
    const demo = spawnProcess(process.execPath, [demoPath, '--serve'], { timeoutMs: 60_000 });
    onTestFinished(() => {
      if (demo.child.exitCode === null) demo.child.kill('SIGKILL');
    });
    let stdout = '';
    demo.child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
    });
    await demo.waitForOutput(/press Ctrl-C to stop\n/);
    const url = /^== Serving at (http:\/\/127\.0\.0\.1:\d+) — press Ctrl-C to stop$/m.exec(stdout)?.[1];
    expect(url).toBeDefined();
    expect((await fetch(`${url}/`)).status).toBe(200);
    demo.child.kill('SIGINT');
    expect((await demo.result).code).toBe(0);
    await expect(fetch(`${url}/`)).rejects.toThrow();
  }, 60_000);
});
