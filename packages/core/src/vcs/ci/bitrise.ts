import type { CiProvider } from './ci-provider.js';
import {
  envBranch,
  envPositiveInt,
  envProviderFromUrl,
  envRepoFromUrl,
  envSha,
  readEnv,
} from './read-env.js';

export const bitrise: CiProvider = {
  id: 'bitrise',
  name: 'Bitrise',
  detect: (env) => env.BITRISE_IO === 'true' || env.BITRISE_BUILD_URL !== undefined,
  shallowCloneFix: 'set `clone_depth: -1` on the Git Clone step',
  read(env) {
    const baseRepoName = envRepoFromUrl(env, 'GIT_REPOSITORY_URL');
    return {
      provider: envProviderFromUrl(env, 'GIT_REPOSITORY_URL'),
      headSha: envSha(env, 'BITRISE_GIT_COMMIT', 'GIT_CLONE_COMMIT_HASH'),
      headRef: envBranch(env, 'BITRISE_GIT_BRANCH'),
      baseRef: envBranch(env, 'BITRISEIO_GIT_BRANCH_DEST'),
      prNumber: envPositiveInt(env, 'BITRISE_PULL_REQUEST'),
      headRepoName: envRepoFromUrl(env, 'BITRISEIO_PULL_REQUEST_REPOSITORY_URL') ?? baseRepoName,
      baseRepoName,
      runId: readEnv(env, 'BITRISE_BUILD_SLUG') ?? readEnv(env, 'BITRISE_BUILD_NUMBER'),
      runUrl: readEnv(env, 'BITRISE_BUILD_URL'),
    };
  },
};
