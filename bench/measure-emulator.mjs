import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const script = fileURLToPath(new URL('../apps/emulator/bench/object-store-throughput.mjs', import.meta.url));

/** The emulator's own throughput benchmark (its object store alone, against a bare HTTP server), verbatim. */
export async function measureEmulatorAlone() {
  const present = await access(script).then(
    () => true,
    () => false,
  );
  if (!present) return undefined;
  const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 600_000 });
  return stdout.trim();
}
