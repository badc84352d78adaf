import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { onTestFinished } from 'vitest';
import type { EmulatorOptions } from '../src/index.js';

const distPath = fileURLToPath(new URL('../dist/index.mjs', import.meta.url));

// Starts the built emulator, prints where it listens, and its peak RSS once stdin closes.
const script = `
const { startEmulator } = await import(process.argv[1]);
const emulator = await startEmulator(JSON.parse(process.argv[2]));
console.log(JSON.stringify({ url: emulator.url, token: emulator.token }));
process.stdin.resume();
process.stdin.on('end', async () => {
  console.log(JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
  await emulator.close();
});
`;

export interface EmulatorProcess {
  url: string;
  token: string;
  /** Stops the emulator and answers the highest resident memory its process reached. */
  stop(): Promise<number>;
}

/** Runs the built emulator (`dist/`) in its own process, so its memory can be measured alone. */
export async function startEmulatorProcess(
  options: Omit<EmulatorOptions, 'dataDir' | 'logger'> = {},
): Promise<EmulatorProcess> {
  const dataDir = await makeTempDir('emulator-process-');
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', script, distPath, JSON.stringify({ ...options, dataDir })],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  onTestFinished(() => {
    if (child.exitCode === null) child.kill();
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const readLine = async () => JSON.parse(((await lines.next()).value as string | undefined) ?? '{}');
  const { url, token } = (await readLine()) as { url: string; token: string };
  return {
    url,
    token,
    stop: async () => {
      const exited = once(child, 'exit');
      child.stdin.end();
      const { maxRssBytes } = (await readLine()) as { maxRssBytes: number };
      await exited;
      return maxRssBytes;
    },
  };
}
