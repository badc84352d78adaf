import type { CiProvider } from './ci-provider.js';
import {
  envBranch,
  envPositiveInt,
  envProviderFromUrl,
  envRepoFromUrl,
  envSha,
  readEnv,
} from './read-env.js';

export const netlify: CiProvider = {
  id: 'netlify',
  name: 'Netlify',
  detect: (env) => env.NETLIFY === 'true',
  shallowCloneFix: 'run `git fetch --unshallow` before the upload (Netlify clones shallow)',
  read(env) {
    const repoName = envRepoFromUrl(env, 'REPOSITORY_URL');
    const isPullRequest = readEnv(env, 'PULL_REQUEST') === 'true';
    const site = readEnv(env, 'SITE_NAME');
    const deployId = readEnv(env, 'DEPLOY_ID');
    return {
      provider: envProviderFromUrl(env, 'REPOSITORY_URL'),
      headSha: envSha(env, 'COMMIT_REF'),
      headRef: envBranch(env, 'HEAD', 'BRANCH'),
      prNumber: isPullRequest ? envPositiveInt(env, 'REVIEW_ID') : undefined,
      headRepoName: repoName,
      baseRepoName: repoName,
      runId: readEnv(env, 'BUILD_ID'),
      runUrl: site && deployId ? `https://app.netlify.com/sites/${site}/deploys/${deployId}` : undefined,
      eventName: readEnv(env, 'CONTEXT'),
    };
  },
};
