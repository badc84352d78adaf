import { defineConfig } from 'rolldown';

/** One ESM file with every dependency inside: the runner executes it straight from the checkout. */
export default defineConfig({
  input: 'src/index.ts',
  platform: 'node',
  transform: { target: 'node24' },
  output: { file: 'dist/index.js', format: 'esm', codeSplitting: false },
});
