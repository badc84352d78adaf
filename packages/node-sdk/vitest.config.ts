import { defineProject } from 'vitest/config';

export default defineProject({
  // Tests upload to the emulator; a refused token is retried with backoff, which takes seconds.
  test: { name: 'node', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000 },
});
