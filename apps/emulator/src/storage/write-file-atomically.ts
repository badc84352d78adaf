import { randomUUID } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Readers never see half a file: write beside the target (its folder must exist), then rename over
 * it. `flush` puts the bytes on the disk before the rename, for a record that must survive a crash.
 */
export async function writeFileAtomically(
  path: string,
  data: string | Uint8Array,
  { flush = false }: { flush?: boolean } = {},
): Promise<void> {
  const temp = temporaryPathFor(path);
  try {
    await writeFile(temp, data, { flush });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * The same, synchronously: for the small objects of a batch insert, the promise API's four
 * thread-pool round trips per file made the emulator, not the client, the bottleneck of a cold upload.
 */
export function writeFileAtomicallySync(path: string, data: Uint8Array): void {
  const temp = temporaryPathFor(path);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A unique sibling path, so concurrent writers of one target never share a temp file. */
export function temporaryPathFor(path: string): string {
  return `${path}.${randomUUID()}.tmp`;
}
