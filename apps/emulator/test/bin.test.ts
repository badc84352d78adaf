import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';

const binPath = fileURLToPath(new URL('../dist/bin.mjs', import.meta.url));

describe('sentry-snapshots-emulator bin', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints its URL and token, serves, and stops cleanly on %s',
    async (signal) => {
      const dataDir = await makeTempDir('emulator-bin-');
      const child = spawn(process.execPath, [binPath, '--port', '0', '--data', dataDir], { stdio: 'pipe' });
      const lines = createInterface({ input: child.stdout });
      let url = '';
      let token = '';
      for await (const line of lines) {
        url ||= /^Sentry emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1] ?? '';
        token ||= /^Auth token: (\S+)$/.exec(line)?.[1] ?? '';
        if (url && token) break;
      }
      const answer = await fetch(`${url}/api/0/organizations/acme/`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(200);
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = await exited;
      expect(code).toBe(0);
    },
  );

  it('refuses a bad port with exit code 2', async () => {
    const child = spawn(process.execPath, [binPath, '--port', 'many'], { stdio: 'pipe' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
  });
});
