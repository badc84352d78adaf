import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  entry: ['src/bin.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  clean: true,
  // One self-contained bin: no module resolution across node_modules at start-up, and the
  // upload code sits in a chunk loaded only when a command runs.
  deps: { alwaysBundle: [/.*/], onlyBundle: false },
  define: { __SNAPSHOTS_VERSION__: JSON.stringify(version) },
});
