import type { CiProvider } from './ci-provider.js';
import { envBranch, envProviderFromUrl, envRepoFromUrl, envSha, readEnv } from './read-env.js';

export const awsCodebuild: CiProvider = {
  id: 'aws-codebuild',
  name: 'AWS CodeBuild',
  detect: (env) => env.CODEBUILD_BUILD_ID !== undefined,
  shallowCloneFix: 'set "Git clone depth" to Full in the project\'s source settings',
  read(env) {
    const repoName = envRepoFromUrl(env, 'CODEBUILD_SOURCE_REPO_URL');
    const trigger = readEnv(env, 'CODEBUILD_WEBHOOK_TRIGGER');
    const pr = /^pr\/(\d+)$/.exec(trigger ?? '')?.[1];
    return {
      provider: envProviderFromUrl(env, 'CODEBUILD_SOURCE_REPO_URL'),
      headSha: envSha(env, 'CODEBUILD_RESOLVED_SOURCE_VERSION', 'CODEBUILD_SOURCE_VERSION'),
      headRef:
        envBranch(env, 'CODEBUILD_WEBHOOK_HEAD_REF') ??
        (trigger?.startsWith('branch/')
          ? { value: trigger.slice('branch/'.length), source: 'env CODEBUILD_WEBHOOK_TRIGGER' }
          : undefined),
      baseRef: pr ? envBranch(env, 'CODEBUILD_WEBHOOK_BASE_REF') : undefined,
      prNumber: pr ? { value: Number(pr), source: 'env CODEBUILD_WEBHOOK_TRIGGER' } : undefined,
      headRepoName: repoName,
      baseRepoName: repoName,
      runId: readEnv(env, 'CODEBUILD_BUILD_ID'),
      runUrl: readEnv(env, 'CODEBUILD_BUILD_URL'),
      eventName: readEnv(env, 'CODEBUILD_WEBHOOK_EVENT'),
    };
  },
};
