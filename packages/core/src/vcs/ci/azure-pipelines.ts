import type { CiProvider, Sourced } from './ci-provider.js';
import { envBranch, envPositiveInt, envRepoFromUrl, envSha, envString, readEnv } from './read-env.js';

// BUILD_REPOSITORY_PROVIDER values → Sentry's provider names.
const providers: Record<string, string> = {
  TfsGit: 'azure',
  GitHub: 'github',
  GitHubEnterprise: 'github_enterprise',
  Bitbucket: 'bitbucket',
};

export const azurePipelines: CiProvider = {
  id: 'azure-pipelines',
  name: 'Azure Pipelines',
  detect: (env) => env.TF_BUILD?.toLowerCase() === 'true',
  shallowCloneFix: 'set `fetchDepth: 0` on the `checkout` step',
  read(env) {
    const repositoryProvider = readEnv(env, 'BUILD_REPOSITORY_PROVIDER');
    const isPullRequest = readEnv(env, 'BUILD_REASON') === 'PullRequest';
    // GitHub repositories are named `owner/repo`; Azure Repos only by their short name, so use the URL.
    const repoName: Sourced<string> | undefined =
      repositoryProvider === 'TfsGit'
        ? envRepoFromUrl(env, 'BUILD_REPOSITORY_URI')
        : envString(env, 'BUILD_REPOSITORY_NAME');
    const collection = readEnv(env, 'SYSTEM_COLLECTIONURI');
    const project = readEnv(env, 'SYSTEM_TEAMPROJECT');
    const buildId = readEnv(env, 'BUILD_BUILDID');
    const provider = repositoryProvider ? providers[repositoryProvider] : undefined;
    return {
      provider: provider ? { value: provider, source: 'env BUILD_REPOSITORY_PROVIDER' } : undefined,
      // On pull requests BUILD_SOURCEVERSION is the merge commit Azure builds.
      headSha: isPullRequest
        ? envSha(env, 'SYSTEM_PULLREQUEST_SOURCECOMMITID')
        : envSha(env, 'BUILD_SOURCEVERSION'),
      mergeCommitSha: isPullRequest ? envSha(env, 'BUILD_SOURCEVERSION')?.value : undefined,
      headRef: isPullRequest
        ? envBranch(env, 'SYSTEM_PULLREQUEST_SOURCEBRANCH')
        : envBranch(env, 'BUILD_SOURCEBRANCH'),
      baseRef: isPullRequest ? envBranch(env, 'SYSTEM_PULLREQUEST_TARGETBRANCH') : undefined,
      prNumber: isPullRequest
        ? envPositiveInt(env, 'SYSTEM_PULLREQUEST_PULLREQUESTNUMBER', 'SYSTEM_PULLREQUEST_PULLREQUESTID')
        : undefined,
      headRepoName: repoName,
      baseRepoName: repoName,
      runId: buildId,
      runUrl:
        collection && project && buildId
          ? `${collection.replace(/\/?$/, '/')}${encodeURIComponent(project)}/_build/results?buildId=${buildId}`
          : undefined,
      eventName: readEnv(env, 'BUILD_REASON'),
    };
  },
};
