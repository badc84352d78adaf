import type { CiProvider } from './ci-provider.js';
import { envBranch, envPositiveInt, envSha, envString, readEnv } from './read-env.js';

export const travis: CiProvider = {
  id: 'travis',
  name: 'Travis CI',
  detect: (env) => env.TRAVIS === 'true',
  shallowCloneFix: 'set `git: depth: false` in .travis.yml',
  read(env) {
    const prNumber = envPositiveInt(env, 'TRAVIS_PULL_REQUEST');
    const repo = envString(env, 'TRAVIS_REPO_SLUG');
    const common = {
      runId: readEnv(env, 'TRAVIS_BUILD_ID'),
      runUrl: readEnv(env, 'TRAVIS_BUILD_WEB_URL'),
      eventName: readEnv(env, 'TRAVIS_EVENT_TYPE'),
      baseRepoName: repo,
    };
    if (prNumber) {
      // On pull requests TRAVIS_COMMIT is the merge commit and TRAVIS_BRANCH the target branch.
      return {
        ...common,
        headSha: envSha(env, 'TRAVIS_PULL_REQUEST_SHA'),
        mergeCommitSha: envSha(env, 'TRAVIS_COMMIT')?.value,
        headRef: envBranch(env, 'TRAVIS_PULL_REQUEST_BRANCH'),
        baseRef: envBranch(env, 'TRAVIS_BRANCH'),
        prNumber,
        headRepoName: envString(env, 'TRAVIS_PULL_REQUEST_SLUG') ?? repo,
      };
    }
    return {
      ...common,
      headSha: envSha(env, 'TRAVIS_COMMIT'),
      headRef: readEnv(env, 'TRAVIS_TAG') ? undefined : envBranch(env, 'TRAVIS_BRANCH'),
      headRepoName: repo,
    };
  },
};
