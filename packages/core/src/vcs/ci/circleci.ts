import type { CiProvider } from './ci-provider.js';
import {
  envBranch,
  envPositiveInt,
  envProviderFromUrl,
  envRepoFromUrl,
  envSha,
  readEnv,
} from './read-env.js';

export const circleci: CiProvider = {
  id: 'circleci',
  name: 'CircleCI',
  detect: (env) => env.CIRCLECI === 'true',
  shallowCloneFix: 'use a full `checkout` step (not `method: blobless` or a shallow clone)',
  read(env) {
    const owner = readEnv(env, 'CIRCLE_PROJECT_USERNAME');
    const repo = readEnv(env, 'CIRCLE_PROJECT_REPONAME');
    const forkOwner = readEnv(env, 'CIRCLE_PR_USERNAME');
    const forkRepo = readEnv(env, 'CIRCLE_PR_REPONAME');
    const prFromUrl = /\/pull\/(\d+)\/?$/.exec(readEnv(env, 'CIRCLE_PULL_REQUEST') ?? '')?.[1];
    const baseRepoName =
      owner && repo
        ? { value: `${owner}/${repo}`, source: 'env CIRCLE_PROJECT_USERNAME/CIRCLE_PROJECT_REPONAME' }
        : undefined;
    return {
      provider: envProviderFromUrl(env, 'CIRCLE_REPOSITORY_URL'),
      headSha: envSha(env, 'CIRCLE_SHA1'),
      headRef: envBranch(env, 'CIRCLE_BRANCH'),
      prNumber:
        envPositiveInt(env, 'CIRCLE_PR_NUMBER') ??
        (prFromUrl ? { value: Number(prFromUrl), source: 'env CIRCLE_PULL_REQUEST' } : undefined),
      // Forked PRs name the fork in CIRCLE_PR_USERNAME/CIRCLE_PR_REPONAME.
      headRepoName:
        forkOwner && forkRepo
          ? { value: `${forkOwner}/${forkRepo}`, source: 'env CIRCLE_PR_USERNAME/CIRCLE_PR_REPONAME' }
          : (baseRepoName ?? envRepoFromUrl(env, 'CIRCLE_REPOSITORY_URL')),
      baseRepoName: baseRepoName ?? envRepoFromUrl(env, 'CIRCLE_REPOSITORY_URL'),
      runId: readEnv(env, 'CIRCLE_WORKFLOW_ID') ?? readEnv(env, 'CIRCLE_BUILD_NUM'),
      runUrl: readEnv(env, 'CIRCLE_BUILD_URL'),
    };
  },
};
