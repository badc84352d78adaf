import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envSha, readEnv } from './read-env.js';

export const herokuCi: CiProvider = {
  id: 'heroku-ci',
  name: 'Heroku CI',
  detect: (env) => env.HEROKU_TEST_RUN_ID !== undefined,
  shallowCloneFix: 'give the base commit explicitly (Heroku CI builds from a source tarball without history)',
  read(env) {
    return {
      headSha: envSha(env, 'HEROKU_TEST_RUN_COMMIT_VERSION'),
      headRef: envBranch(env, 'HEROKU_TEST_RUN_BRANCH'),
      prNumber: envPositiveInt(env, 'HEROKU_PR_NUMBER'),
      runId: readEnv(env, 'HEROKU_TEST_RUN_ID'),
    };
  },
};
