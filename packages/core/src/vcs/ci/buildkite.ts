import type { CiProvider } from './ci-provider.js';
import {
  envBranch,
  envPositiveInt,
  envProviderFromUrl,
  envRepoFromUrl,
  envSha,
  readEnv,
} from './read-env.js';

export const buildkite: CiProvider = {
  id: 'buildkite',
  name: 'Buildkite',
  detect: (env) => env.BUILDKITE === 'true',
  shallowCloneFix: 'remove `--depth` from `BUILDKITE_GIT_CLONE_FLAGS` and `BUILDKITE_GIT_FETCH_FLAGS`',
  read(env) {
    const baseRepoName = envRepoFromUrl(env, 'BUILDKITE_REPO');
    return {
      provider: envProviderFromUrl(env, 'BUILDKITE_REPO'),
      // BUILDKITE_COMMIT may be the literal `HEAD`; only a full SHA counts.
      headSha: envSha(env, 'BUILDKITE_COMMIT'),
      headRef: envBranch(env, 'BUILDKITE_BRANCH'),
      baseRef: envBranch(env, 'BUILDKITE_PULL_REQUEST_BASE_BRANCH'),
      defaultBranch: envBranch(env, 'BUILDKITE_PIPELINE_DEFAULT_BRANCH'),
      prNumber: envPositiveInt(env, 'BUILDKITE_PULL_REQUEST'),
      headRepoName: envRepoFromUrl(env, 'BUILDKITE_PULL_REQUEST_REPO') ?? baseRepoName,
      baseRepoName,
      runId: readEnv(env, 'BUILDKITE_BUILD_ID'),
      runUrl: readEnv(env, 'BUILDKITE_BUILD_URL'),
      eventName: readEnv(env, 'BUILDKITE_SOURCE'),
    };
  },
};
