import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envProviderFromUrl, envSha, envString, readEnv } from './read-env.js';

export const drone: CiProvider = {
  id: 'drone',
  name: 'Drone',
  detect: (env) => env.DRONE === 'true',
  shallowCloneFix: 'set `clone: depth: 0` (or remove `depth`) in .drone.yml',
  read(env) {
    const prNumber = envPositiveInt(env, 'DRONE_PULL_REQUEST');
    const repoName = envString(env, 'DRONE_REPO');
    return {
      provider: envProviderFromUrl(env, 'DRONE_GIT_HTTP_URL', 'DRONE_REPO_LINK'),
      headSha: envSha(env, 'DRONE_COMMIT_SHA', 'DRONE_COMMIT'),
      headRef: prNumber ? envBranch(env, 'DRONE_SOURCE_BRANCH') : envBranch(env, 'DRONE_BRANCH'),
      baseRef: prNumber ? envBranch(env, 'DRONE_TARGET_BRANCH') : undefined,
      defaultBranch: envBranch(env, 'DRONE_REPO_BRANCH'),
      prNumber,
      headRepoName: repoName,
      baseRepoName: repoName,
      runId: readEnv(env, 'DRONE_BUILD_NUMBER'),
      runUrl: readEnv(env, 'DRONE_BUILD_LINK'),
      eventName: readEnv(env, 'DRONE_BUILD_EVENT'),
    };
  },
};
