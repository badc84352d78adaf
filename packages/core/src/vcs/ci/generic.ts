import type { CiProvider } from './ci-provider.js';
import { isTruthyFlag } from './read-env.js';

/** Any other CI that follows the `CI=true` convention: detected, but every field comes from git. */
export const genericCi: CiProvider = {
  id: 'generic',
  name: 'CI',
  detect: (env) => isTruthyFlag(env.CI) || isTruthyFlag(env.CONTINUOUS_INTEGRATION),
  shallowCloneFix: 'fetch the full history in the checkout (for example `git fetch --unshallow`)',
  read: () => ({}),
};
