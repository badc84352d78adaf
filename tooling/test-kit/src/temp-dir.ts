import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export interface TempDir {
  path: string;
  remove(): Promise<void>;
}

/** A fresh folder under the OS temp folder; the caller removes it (for `beforeAll`, scripts, benchmarks). */
export async function createTempDir(prefix = 'sentry-snapshots-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A fresh folder removed when the current test finishes; call it inside a test. */
export async function makeTempDir(prefix = 'sentry-snapshots-'): Promise<string> {
  const dir = await createTempDir(prefix);
  onTestFinished(dir.remove);
  return dir.path;
}
