import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { build } from 'rolldown';
import { expect, it } from 'vitest';
import config from '../rolldown.config.js';
import { bundlePath } from './run-bundle.js';

it('the committed dist/index.js is what a fresh build produces (run `pnpm --filter @sentry-snapshots/action build`)', async () => {
  const file = join(await makeTempDir('action-bundle-'), 'index.js');
  await build({ ...config, output: { ...config.output, file } });
  const [fresh, committed] = await Promise.all([readFile(file, 'utf8'), readFile(bundlePath, 'utf8')]);
  expect(committed === fresh, 'dist/index.js is stale: rebuild the action and commit it').toBe(true);
  // Everything is inside: the runner has no node_modules next to the bundle, only Node's own modules.
  const imported = [...fresh.matchAll(/^import (?:.* from )?"([^"]+)";$/gm)].map((match) => match[1] ?? '');
  expect(imported.length).toBeGreaterThan(0);
  expect(imported.filter((name) => !name.startsWith('node:') && !isBuiltin(name))).toEqual([]);
}, 120_000);
