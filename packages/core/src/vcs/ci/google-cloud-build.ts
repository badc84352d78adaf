import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envRepoFromUrl, envSha, envString, readEnv } from './read-env.js';

/**
 * Cloud Build exposes its substitutions to steps only when a build maps them into `env`; these are
 * the names of its default GitHub-trigger substitutions (`COMMIT_SHA`, `_HEAD_BRANCH`, `_PR_NUMBER`…).
 */
export const googleCloudBuild: CiProvider = {
  id: 'google-cloud-build',
  name: 'Google Cloud Build',
  detect: (env) => env.BUILDER_OUTPUT !== undefined,
  shallowCloneFix: 'run `git fetch --unshallow` in a step before the upload (Cloud Build clones shallow)',
  read(env) {
    const repoName = envString(env, 'REPO_FULL_NAME');
    const buildId = readEnv(env, 'BUILD_ID');
    const projectId = readEnv(env, 'PROJECT_ID');
    const region = readEnv(env, 'LOCATION') ?? 'global';
    return {
      headSha: envSha(env, 'COMMIT_SHA'),
      headRef: envBranch(env, '_HEAD_BRANCH', 'BRANCH_NAME'),
      baseRef: envBranch(env, '_BASE_BRANCH'),
      prNumber: envPositiveInt(env, '_PR_NUMBER'),
      headRepoName: envRepoFromUrl(env, '_HEAD_REPO_URL') ?? repoName,
      baseRepoName: repoName,
      runId: buildId,
      runUrl:
        buildId && projectId
          ? `https://console.cloud.google.com/cloud-build/builds;region=${region}/${buildId}?project=${projectId}`
          : undefined,
      eventName: readEnv(env, 'TRIGGER_NAME'),
    };
  },
};
