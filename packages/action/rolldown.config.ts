import { isBuiltin } from 'node:module';
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
  // A workspace package whose dist is missing (mid-rebuild) must fail the build, not become an
  // import that the runner cannot load.
  plugins: [
    {
      name: 'everything-inside',
      async resolveId(source, importer, options) {
        if (source.startsWith('node:') || isBuiltin(source) || source === 'sharp' || importer === undefined)
          return null;
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        if (resolved === null || resolved.external)
          this.error(`Cannot bundle "${source}" (from ${importer})`);
        return resolved;
      },
    },
  ],
  output: { file: 'dist/index.js', format: 'esm', codeSplitting: false },
});
