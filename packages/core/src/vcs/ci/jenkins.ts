import type { CiProvider, Sourced } from './ci-provider.js';
import {
  envBranch,
  envPositiveInt,
  envProviderFromUrl,
  envRepoFromUrl,
  envSha,
  envString,
  readEnv,
} from './read-env.js';

/** Plain jobs (git plugin), multibranch pipelines (`CHANGE_*`) and the GitHub pull request builder (`ghprb*`). */
export const jenkins: CiProvider = {
  id: 'jenkins',
  name: 'Jenkins',
  detect: (env) => env.JENKINS_URL !== undefined,
  shallowCloneFix: 'turn off "Shallow clone" in the git checkout\'s advanced clone behaviours',
  read(env) {
    const baseRepoName = envRepoFromUrl(env, 'GIT_URL', 'GIT_URL_1');
    const common = {
      provider: envProviderFromUrl(env, 'GIT_URL', 'GIT_URL_1', 'CHANGE_URL'),
      baseRepoName,
      runId: readEnv(env, 'BUILD_TAG') ?? readEnv(env, 'BUILD_NUMBER'),
      runUrl: readEnv(env, 'BUILD_URL'),
    };
    if (readEnv(env, 'ghprbPullId') !== undefined) {
      return {
        ...common,
        headSha: envSha(env, 'ghprbActualCommit'),
        headRef: envBranch(env, 'ghprbSourceBranch'),
        baseRef: envBranch(env, 'ghprbTargetBranch'),
        prNumber: envPositiveInt(env, 'ghprbPullId'),
        headRepoName: envRepoFromUrl(env, 'ghprbAuthorRepoGitUrl') ?? baseRepoName,
        eventName: 'pull_request',
      };
    }
    if (readEnv(env, 'CHANGE_ID') !== undefined) {
      return {
        ...common,
        provider: common.provider ?? envProviderFromUrl(env, 'CHANGE_URL'),
        headSha: envSha(env, 'GIT_COMMIT'),
        headRef: envBranch(env, 'CHANGE_BRANCH'),
        baseRef: envBranch(env, 'CHANGE_TARGET'),
        prNumber: envPositiveInt(env, 'CHANGE_ID'),
        headRepoName: baseRepoName,
        eventName: 'change-request',
      };
    }
    return {
      ...common,
      headSha: envSha(env, 'GIT_COMMIT'),
      headRef:
        envBranch(env, 'BRANCH_NAME') ?? remoteBranch(envString(env, 'GIT_LOCAL_BRANCH', 'GIT_BRANCH')),
      headRepoName: baseRepoName,
    };
  },
};

// The git plugin names the branch as the remote sees it: `origin/main`.
function remoteBranch(found: Sourced<string> | undefined): Sourced<string> | undefined {
  return found && { ...found, value: found.value.replace(/^(?:refs\/remotes\/)?origin\//, '') };
}
