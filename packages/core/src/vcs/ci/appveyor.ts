import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envSha, envString, readEnv } from './read-env.js';

// APPVEYOR_REPO_PROVIDER values → Sentry's provider names.
const providers: Record<string, string> = {
  github: 'github',
  gitlab: 'gitlab',
  bitbucket: 'bitbucket',
  vso: 'azure',
};

export const appveyor: CiProvider = {
  id: 'appveyor',
  name: 'AppVeyor',
  detect: (env) => env.APPVEYOR?.toLowerCase() === 'true',
  shallowCloneFix: 'remove `clone_depth` from appveyor.yml',
  read(env) {
    const prNumber = envPositiveInt(env, 'APPVEYOR_PULL_REQUEST_NUMBER');
    const repoName = envString(env, 'APPVEYOR_REPO_NAME');
    const provider = providers[readEnv(env, 'APPVEYOR_REPO_PROVIDER')?.toLowerCase() ?? ''];
    const base = readEnv(env, 'APPVEYOR_URL');
    const account = readEnv(env, 'APPVEYOR_ACCOUNT_NAME');
    const slug = readEnv(env, 'APPVEYOR_PROJECT_SLUG');
    const buildId = readEnv(env, 'APPVEYOR_BUILD_ID');
    return {
      provider: provider ? { value: provider, source: 'env APPVEYOR_REPO_PROVIDER' } : undefined,
      headSha: prNumber
        ? envSha(env, 'APPVEYOR_PULL_REQUEST_HEAD_COMMIT')
        : envSha(env, 'APPVEYOR_REPO_COMMIT'),
      // On pull requests APPVEYOR_REPO_BRANCH is the target branch.
      headRef: prNumber
        ? envBranch(env, 'APPVEYOR_PULL_REQUEST_HEAD_REPO_BRANCH')
        : envBranch(env, 'APPVEYOR_REPO_BRANCH'),
      baseRef: prNumber ? envBranch(env, 'APPVEYOR_REPO_BRANCH') : undefined,
      prNumber,
      headRepoName: (prNumber && envString(env, 'APPVEYOR_PULL_REQUEST_HEAD_REPO_NAME')) || repoName,
      baseRepoName: repoName,
      runId: buildId,
      runUrl:
        base && account && slug && buildId
          ? `${base}/project/${account}/${slug}/builds/${buildId}`
          : undefined,
    };
  },
};
