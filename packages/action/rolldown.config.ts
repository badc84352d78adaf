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
  treeshake: {
    moduleSideEffects: [
      { external: true, sideEffects: false },
      // @actions/core loads an HTTP client (with its own undici) for OIDC tokens, which the action
      // never asks for; declared pure, the unused modules drop out and the bundle shrinks 4×.
      {
        test: /[\\/]node_modules[\\/]\.pnpm[\\/](@actions\+(http-client|exec|io)|tunnel|undici@6)/,
        sideEffects: false,
      },
    ],
  },
  // A workspace package whose dist is missing would otherwise become an import the runner cannot load.
  onLog(level, log, handler) {
    handler(log.code === 'UNRESOLVED_IMPORT' ? 'error' : level, log);
  },
  output: { file: 'dist/index.js', format: 'esm', codeSplitting: false },
});
