import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envSha, envString, readEnv } from './read-env.js';

export const gitlab: CiProvider = {
  id: 'gitlab',
  name: 'GitLab CI',
  detect: (env) => env.GITLAB_CI === 'true',
  shallowCloneFix: 'set the CI/CD variable `GIT_DEPTH: 0` for the job',
  read(env) {
    const isMergedResult = readEnv(env, 'CI_MERGE_REQUEST_EVENT_TYPE') === 'merged_result';
    const project = envString(env, 'CI_PROJECT_PATH');
    return {
      provider: { value: 'gitlab', source: 'GitLab CI' },
      // Merged-results pipelines build a merge commit; the MR's own head is the source branch SHA.
      headSha: envSha(env, 'CI_MERGE_REQUEST_SOURCE_BRANCH_SHA', 'CI_COMMIT_SHA'),
      mergeCommitSha: isMergedResult ? envSha(env, 'CI_COMMIT_SHA')?.value : undefined,
      baseSha: envSha(env, 'CI_MERGE_REQUEST_DIFF_BASE_SHA'),
      headRef: envBranch(env, 'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME', 'CI_COMMIT_BRANCH'),
      // External pull request pipelines (a GitHub repository built by GitLab) name their target apart.
      baseRef: envBranch(
        env,
        'CI_MERGE_REQUEST_TARGET_BRANCH_NAME',
        'CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_NAME',
      ),
      prNumber: envPositiveInt(env, 'CI_MERGE_REQUEST_IID'),
      headRepoName: envString(env, 'CI_MERGE_REQUEST_SOURCE_PROJECT_PATH') ?? project,
      baseRepoName: envString(env, 'CI_MERGE_REQUEST_PROJECT_PATH') ?? project,
      defaultBranch: envBranch(env, 'CI_DEFAULT_BRANCH'),
      runId: readEnv(env, 'CI_PIPELINE_ID'),
      runUrl: readEnv(env, 'CI_PIPELINE_URL'),
      eventName: readEnv(env, 'CI_PIPELINE_SOURCE'),
    };
  },
};
