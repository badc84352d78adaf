import { defineProject } from 'vitest/config';

export default defineProject({
  // End-to-end tests run the built bin against the emulator; retries with backoff take seconds.
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
