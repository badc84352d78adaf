import { defineProject } from 'vitest/config';

export default defineProject({
  // The release check copies the repository, installs, builds, packs and installs the tarballs
  // with npm: minutes, not seconds.
  test: { name: 'release', include: ['test/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 },
});
