import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envSha, envString, readEnv } from './read-env.js';

export const codemagic: CiProvider = {
  id: 'codemagic',
  name: 'Codemagic',
  detect: (env) => env.CM_BUILD_ID !== undefined,
  shallowCloneFix: 'run `git fetch --unshallow` in a script before the upload',
  read(env) {
    const isPullRequest = readEnv(env, 'CM_PULL_REQUEST') === 'true';
    const repoName = envString(env, 'CM_REPO_SLUG');
    const projectId = readEnv(env, 'CM_PROJECT_ID');
    const buildId = readEnv(env, 'CM_BUILD_ID');
    return {
      headSha: envSha(env, 'CM_COMMIT'),
      headRef: envBranch(env, 'CM_BRANCH'),
      baseRef: isPullRequest ? envBranch(env, 'CM_PULL_REQUEST_DEST') : undefined,
      prNumber: isPullRequest ? envPositiveInt(env, 'CM_PULL_REQUEST_NUMBER') : undefined,
      headRepoName: repoName,
      baseRepoName: repoName,
      runId: buildId,
      runUrl: projectId && buildId ? `https://codemagic.io/app/${projectId}/build/${buildId}` : undefined,
    };
  },
};
