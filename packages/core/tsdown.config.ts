import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // `options` is the option table alone (plain data): the CLI builds its parser from it at start-up
  // without loading the rest of core.
  // `image-hashing` starts hashing with Node built-ins alone (the CLI, before the rest loads), on
  // threads that run `hash-worker`.
  entry: {
    index: 'src/index.ts',
    contract: 'src/contract.ts',
    options: 'src/options/option-table.ts',
    'image-hashing': 'src/images/image-hashing.ts',
    'hash-worker': 'src/images/hash-worker.ts',
  },
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  dts: true,
  clean: true,
  define: { __SNAPSHOTS_VERSION__: JSON.stringify(version) },
});
