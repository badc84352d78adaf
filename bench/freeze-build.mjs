import { execFile } from 'node:child_process';
import { mkdir, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cacheDir } from './screenshot-sets.mjs';

const repo = fileURLToPath(new URL('../', import.meta.url));
const allPackages = ['packages/core', 'packages/node-sdk', 'packages/cli', 'apps/emulator'];

/**
 * Copies the built packages the benchmark runs (dist, package.json, and node_modules as links) into
 * .bench-cache/<name>/, with the same layout: pnpm's relative workspace links then resolve to the
 * copies. A rebuild in the checkout during a long run (tsdown empties dist first) cannot break it.
 * Each part of the benchmark freezes under its own name, so one part never empties another's copy.
 */
export async function freezeBuild({ name = 'frozen', packages = allPackages } = {}) {
  const root = join(cacheDir, name);
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'));
  for (const pkg of packages) {
    const missing = await stat(join(repo, pkg, 'dist')).then(
      () => false,
      () => true,
    );
    if (missing) throw new Error(`${pkg} is not built: run \`pnpm turbo run build\` first.`);
    await mkdir(join(root, pkg), { recursive: true });
    await promisify(execFile)('cp', [
      '-a',
      join(repo, pkg, 'package.json'),
      join(repo, pkg, 'dist'),
      join(repo, pkg, 'node_modules'),
      join(root, pkg),
    ]);
  }
  const { stdout: commit } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: repo });
  return { root, commit: commit.trim() };
}
