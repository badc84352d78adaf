import type { CiProvider } from './ci-provider.js';
import { envSha, readEnv } from './read-env.js';

/** TeamCity passes little to the environment by default: the revision and build number; git gives the rest. */
export const teamcity: CiProvider = {
  id: 'teamcity',
  name: 'TeamCity',
  detect: (env) => env.TEAMCITY_VERSION !== undefined,
  shallowCloneFix: 'turn off agent-side shallow checkout (`teamcity.git.fetchAllHeads=true`, no `--depth`)',
  read(env) {
    return {
      headSha: envSha(env, 'BUILD_VCS_NUMBER'),
      runId: readEnv(env, 'BUILD_NUMBER'),
    };
  },
};
