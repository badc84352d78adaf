import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envSha, envString, readEnv } from './read-env.js';

const forges: Record<string, string> = {
  github: 'github',
  gitlab: 'gitlab',
  bitbucket: 'bitbucket',
  gitea: 'gitea',
  forgejo: 'forgejo',
};

export const woodpecker: CiProvider = {
  id: 'woodpecker',
  name: 'Woodpecker CI',
  detect: (env) => env.CI === 'woodpecker',
  shallowCloneFix: "set `depth: 0` in the clone step's settings",
  read(env) {
    const prNumber = envPositiveInt(env, 'CI_COMMIT_PULL_REQUEST');
    const repoName = envString(env, 'CI_REPO');
    const forge = readEnv(env, 'CI_FORGE_TYPE');
    const provider = forge ? forges[forge] : undefined;
    return {
      provider: provider ? { value: provider, source: 'env CI_FORGE_TYPE' } : undefined,
      headSha: envSha(env, 'CI_COMMIT_SHA'),
      headRef: prNumber ? envBranch(env, 'CI_COMMIT_SOURCE_BRANCH') : envBranch(env, 'CI_COMMIT_BRANCH'),
      baseRef: prNumber ? envBranch(env, 'CI_COMMIT_TARGET_BRANCH') : undefined,
      prNumber,
      headRepoName: repoName,
      baseRepoName: repoName,
      defaultBranch: envBranch(env, 'CI_REPO_DEFAULT_BRANCH'),
      runId: readEnv(env, 'CI_PIPELINE_NUMBER'),
      runUrl: readEnv(env, 'CI_PIPELINE_URL'),
      eventName: readEnv(env, 'CI_PIPELINE_EVENT'),
    };
  },
};
