import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';

/** One ESM file with every dependency inside: the runner executes it straight from the checkout. */
export default defineConfig({
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  input: 'src/index.ts',
  platform: 'node',
  transform: { target: 'node24' },
  // Core's image comparison needs sharp's native binary, which no bundle can carry; the action
  // never compares, and with external imports taken as pure, the unused import disappears.
  external: ['sharp'],
  treeshake: { moduleSideEffects: 'no-external' },
  output: { file: 'dist/index.js', format: 'esm', codeSplitting: false },
});
