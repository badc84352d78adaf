import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envProviderFromUrl, envSha, envString, readEnv } from './read-env.js';

export const semaphore: CiProvider = {
  id: 'semaphore',
  name: 'Semaphore',
  detect: (env) => env.SEMAPHORE === 'true',
  shallowCloneFix: 'set `SEMAPHORE_GIT_DEPTH` high enough, or run `git fetch --unshallow` after `checkout`',
  read(env) {
    const isPullRequest = readEnv(env, 'SEMAPHORE_GIT_REF_TYPE') === 'pull-request';
    const repoName = envString(env, 'SEMAPHORE_GIT_REPO_SLUG');
    const orgUrl = readEnv(env, 'SEMAPHORE_ORGANIZATION_URL');
    const workflowId = readEnv(env, 'SEMAPHORE_WORKFLOW_ID');
    const common = {
      provider: envProviderFromUrl(env, 'SEMAPHORE_GIT_URL'),
      baseRepoName: repoName,
      runId: workflowId,
      runUrl: orgUrl && workflowId ? `${orgUrl.replace(/\/$/, '')}/workflows/${workflowId}` : undefined,
      eventName: readEnv(env, 'SEMAPHORE_GIT_REF_TYPE'),
    };
    if (isPullRequest) {
      // On pull requests SEMAPHORE_GIT_SHA is the merge commit and SEMAPHORE_GIT_BRANCH the target.
      return {
        ...common,
        headSha: envSha(env, 'SEMAPHORE_GIT_PR_SHA'),
        mergeCommitSha: envSha(env, 'SEMAPHORE_GIT_SHA')?.value,
        headRef: envBranch(env, 'SEMAPHORE_GIT_PR_BRANCH'),
        baseRef: envBranch(env, 'SEMAPHORE_GIT_BRANCH'),
        prNumber: envPositiveInt(env, 'SEMAPHORE_GIT_PR_NUMBER'),
        headRepoName: envString(env, 'SEMAPHORE_GIT_PR_SLUG') ?? repoName,
      };
    }
    return {
      ...common,
      headSha: envSha(env, 'SEMAPHORE_GIT_SHA'),
      headRef: envBranch(env, 'SEMAPHORE_GIT_BRANCH'),
      headRepoName: repoName,
    };
  },
};
