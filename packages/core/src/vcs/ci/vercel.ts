import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envSha, readEnv } from './read-env.js';

export const vercel: CiProvider = {
  id: 'vercel',
  name: 'Vercel',
  detect: (env) => env.VERCEL === '1' && env.VERCEL_GIT_COMMIT_SHA !== undefined,
  shallowCloneFix: 'run `git fetch --unshallow` before the upload (Vercel clones 10 commits deep)',
  read(env) {
    const owner = readEnv(env, 'VERCEL_GIT_REPO_OWNER');
    const slug = readEnv(env, 'VERCEL_GIT_REPO_SLUG');
    const repoName =
      owner && slug
        ? { value: `${owner}/${slug}`, source: 'env VERCEL_GIT_REPO_OWNER/VERCEL_GIT_REPO_SLUG' }
        : undefined;
    const provider = readEnv(env, 'VERCEL_GIT_PROVIDER');
    const url = readEnv(env, 'VERCEL_URL');
    return {
      provider: provider ? { value: provider, source: 'env VERCEL_GIT_PROVIDER' } : undefined,
      headSha: envSha(env, 'VERCEL_GIT_COMMIT_SHA'),
      headRef: envBranch(env, 'VERCEL_GIT_COMMIT_REF'),
      prNumber: envPositiveInt(env, 'VERCEL_GIT_PULL_REQUEST_ID'),
      headRepoName: repoName,
      baseRepoName: repoName,
      runId: readEnv(env, 'VERCEL_DEPLOYMENT_ID'),
      runUrl: url ? `https://${url}` : undefined,
      eventName: readEnv(env, 'VERCEL_ENV'),
    };
  },
};
