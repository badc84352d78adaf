import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // `hash-worker` is the module core's hashing threads run, beside the chunk that starts them.
  entry: { bin: 'src/bin.ts', 'hash-worker': 'src/hash-worker.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  clean: true,
  // One self-contained bin: no module resolution across node_modules at start-up, and the
  // command code sits in chunks loaded only when a command runs. sharp loads a native library,
  // which cannot be bundled: it stays a dependency, imported only where used.
  deps: { alwaysBundle: (id) => !/^(sharp|@img\/)/.test(id), neverBundle: ['sharp'], onlyBundle: false },
  inputOptions: { treeshake: { moduleSideEffects: (_id, external) => !external } },
  define: { __SNAPSHOTS_VERSION__: JSON.stringify(version) },
});
