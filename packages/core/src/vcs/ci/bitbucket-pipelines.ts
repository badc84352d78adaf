import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envSha, envString, readEnv } from './read-env.js';

export const bitbucketPipelines: CiProvider = {
  id: 'bitbucket-pipelines',
  name: 'Bitbucket Pipelines',
  detect: (env) => env.BITBUCKET_BUILD_NUMBER !== undefined && env.BITBUCKET_COMMIT !== undefined,
  shallowCloneFix: 'set `clone: depth: full` in bitbucket-pipelines.yml',
  read(env) {
    const repoName = envString(env, 'BITBUCKET_REPO_FULL_NAME');
    const buildNumber = readEnv(env, 'BITBUCKET_BUILD_NUMBER');
    return {
      provider: { value: 'bitbucket', source: 'Bitbucket Pipelines' },
      headSha: envSha(env, 'BITBUCKET_COMMIT'),
      // BITBUCKET_PR_DESTINATION_COMMIT is a 12-character short SHA, so the base comes from git.
      headRef: envBranch(env, 'BITBUCKET_BRANCH'),
      baseRef: envBranch(env, 'BITBUCKET_PR_DESTINATION_BRANCH'),
      prNumber: envPositiveInt(env, 'BITBUCKET_PR_ID'),
      headRepoName: repoName,
      baseRepoName: repoName,
      runId: readEnv(env, 'BITBUCKET_PIPELINE_UUID') ?? buildNumber,
      runUrl:
        repoName && buildNumber
          ? `https://bitbucket.org/${repoName.value}/pipelines/results/${buildNumber}`
          : undefined,
    };
  },
};
