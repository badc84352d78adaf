import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vcsFields } from '../schemas/vcs-context.js';
import type { Env } from '../world.js';
import { ciProviders } from './ci/registry.js';
import type { CiEnvironment } from './ci-environment.js';
import { detectCi } from './detect-ci.js';

const HEAD = 'a1'.repeat(20);
const BASE = 'b2'.repeat(20);
const MERGE = 'c3'.repeat(20);

const payloadDir = mkdtempSync(join(tmpdir(), 'ci-events-'));
afterAll(() => rmSync(payloadDir, { recursive: true, force: true }));

function eventFile(name: string, payload: unknown): string {
  const path = join(payloadDir, `${name}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

type Expected = Omit<CiEnvironment, 'sources' | 'warnings' | 'shallowCloneFix' | 'defaultBranchSource'>;

interface Case {
  title: string;
  env: Env;
  expected: Expected;
  headShaSource?: string;
}

const github = {
  GITHUB_ACTIONS: 'true',
  CI: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/widgets',
  GITHUB_RUN_ID: '4242',
};
const githubRun = { runId: '4242', runUrl: 'https://github.com/acme/widgets/actions/runs/4242' };

const pullRequestPayload = {
  number: 17,
  pull_request: {
    number: 17,
    head: { sha: HEAD, ref: 'feature/login', repo: { full_name: 'contributor/widgets' } },
    base: { sha: BASE, ref: 'main', repo: { full_name: 'acme/widgets' } },
  },
  repository: { full_name: 'acme/widgets', default_branch: 'main' },
};

const cases: Case[] = [
  {
    title: 'GitHub Actions pull_request from a fork (payload, never the merge commit)',
    env: {
      ...github,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile('pull_request', pullRequestPayload),
      GITHUB_SHA: MERGE,
      GITHUB_REF: 'refs/pull/17/merge',
      GITHUB_HEAD_REF: 'feature/login',
      GITHUB_BASE_REF: 'main',
    },
    expected: {
      id: 'github-actions',
      name: 'GitHub Actions',
      provider: 'github',
      headSha: HEAD,
      baseSha: BASE,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 17,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/widgets',
      mergeCommitSha: MERGE,
      defaultBranch: 'main',
      eventName: 'pull_request',
      ...githubRun,
    },
    headShaSource: 'GITHUB_EVENT_PATH pull_request.head.sha',
  },
  {
    title: 'GitHub Actions pull_request_target (the PR head, not the base branch commit in GITHUB_SHA)',
    env: {
      ...github,
      GITHUB_EVENT_NAME: 'pull_request_target',
      GITHUB_EVENT_PATH: eventFile('pull_request_target', pullRequestPayload),
      GITHUB_SHA: BASE,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_HEAD_REF: 'feature/login',
      GITHUB_BASE_REF: 'main',
    },
    expected: {
      id: 'github-actions',
      name: 'GitHub Actions',
      provider: 'github',
      headSha: HEAD,
      baseSha: BASE,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 17,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/widgets',
      defaultBranch: 'main',
      eventName: 'pull_request_target',
      ...githubRun,
    },
    headShaSource: 'GITHUB_EVENT_PATH pull_request.head.sha',
  },
  {
    title: 'GitHub Actions merge_group (queue base sha, base ref and PR from gh-readonly-queue/…)',
    env: {
      ...github,
      GITHUB_EVENT_NAME: 'merge_group',
      GITHUB_EVENT_PATH: eventFile('merge_group', {
        merge_group: {
          head_sha: HEAD,
          head_ref: `refs/heads/gh-readonly-queue/release/2.x/pr-88-${BASE}`,
          base_sha: BASE,
        },
        repository: { full_name: 'acme/widgets', default_branch: 'main' },
      }),
      GITHUB_SHA: HEAD,
      GITHUB_REF: `refs/heads/gh-readonly-queue/release/2.x/pr-88-${BASE}`,
    },
    expected: {
      id: 'github-actions',
      name: 'GitHub Actions',
      provider: 'github',
      headSha: HEAD,
      baseSha: BASE,
      headRef: `gh-readonly-queue/release/2.x/pr-88-${BASE}`,
      baseRef: 'release/2.x',
      prNumber: 88,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      defaultBranch: 'main',
      eventName: 'merge_group',
      ...githubRun,
    },
    headShaSource: 'GITHUB_EVENT_PATH merge_group.head_sha',
  },
  {
    title: 'GitHub Actions push (payload `after`)',
    env: {
      ...github,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventFile('push', { after: HEAD, repository: { default_branch: 'trunk' } }),
      GITHUB_SHA: HEAD,
      GITHUB_REF: 'refs/heads/feature/login',
      GITHUB_REF_NAME: 'feature/login',
    },
    expected: {
      id: 'github-actions',
      name: 'GitHub Actions',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      defaultBranch: 'trunk',
      eventName: 'push',
      ...githubRun,
    },
    headShaSource: 'GITHUB_EVENT_PATH after',
  },
  {
    title: 'GitHub Actions workflow_dispatch on GitHub Enterprise Server',
    env: {
      ...github,
      GITHUB_SERVER_URL: 'https://git.acme.corp',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_EVENT_PATH: eventFile('workflow_dispatch', { inputs: {}, ref: 'refs/heads/main' }),
      GITHUB_SHA: HEAD,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
    },
    expected: {
      id: 'github-actions',
      name: 'GitHub Actions',
      provider: 'github_enterprise',
      headSha: HEAD,
      headRef: 'main',
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      eventName: 'workflow_dispatch',
      runId: '4242',
      runUrl: 'https://git.acme.corp/acme/widgets/actions/runs/4242',
    },
    headShaSource: 'env GITHUB_SHA',
  },
  {
    title: 'GitHub Actions schedule (no payload file)',
    env: {
      ...github,
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_SHA: HEAD,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
    },
    expected: {
      id: 'github-actions',
      name: 'GitHub Actions',
      provider: 'github',
      headSha: HEAD,
      headRef: 'main',
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      eventName: 'schedule',
      ...githubRun,
    },
    headShaSource: 'env GITHUB_SHA',
  },
  {
    title: 'GitLab CI merged-results merge request pipeline from a fork',
    env: {
      GITLAB_CI: 'true',
      CI: 'true',
      CI_COMMIT_SHA: MERGE,
      CI_MERGE_REQUEST_EVENT_TYPE: 'merged_result',
      CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: HEAD,
      CI_MERGE_REQUEST_DIFF_BASE_SHA: BASE,
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature/login',
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_MERGE_REQUEST_IID: '31',
      CI_MERGE_REQUEST_SOURCE_PROJECT_PATH: 'contributor/widgets',
      CI_MERGE_REQUEST_PROJECT_PATH: 'acme/platform/widgets',
      CI_PROJECT_PATH: 'acme/platform/widgets',
      CI_DEFAULT_BRANCH: 'main',
      CI_PIPELINE_ID: '9001',
      CI_PIPELINE_URL: 'https://gitlab.com/acme/platform/widgets/-/pipelines/9001',
      CI_PIPELINE_SOURCE: 'merge_request_event',
    },
    expected: {
      id: 'gitlab',
      name: 'GitLab CI',
      provider: 'gitlab',
      headSha: HEAD,
      baseSha: BASE,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 31,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/platform/widgets',
      mergeCommitSha: MERGE,
      defaultBranch: 'main',
      runId: '9001',
      runUrl: 'https://gitlab.com/acme/platform/widgets/-/pipelines/9001',
      eventName: 'merge_request_event',
    },
    headShaSource: 'env CI_MERGE_REQUEST_SOURCE_BRANCH_SHA',
  },
  {
    title: 'GitLab CI branch pipeline',
    env: {
      GITLAB_CI: 'true',
      CI_COMMIT_SHA: HEAD,
      CI_COMMIT_BRANCH: 'feature/login',
      CI_PROJECT_PATH: 'acme/widgets',
      CI_DEFAULT_BRANCH: 'main',
      CI_PIPELINE_ID: '9002',
      CI_PIPELINE_URL: 'https://gitlab.com/acme/widgets/-/pipelines/9002',
      CI_PIPELINE_SOURCE: 'push',
    },
    expected: {
      id: 'gitlab',
      name: 'GitLab CI',
      provider: 'gitlab',
      headSha: HEAD,
      headRef: 'feature/login',
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      defaultBranch: 'main',
      runId: '9002',
      runUrl: 'https://gitlab.com/acme/widgets/-/pipelines/9002',
      eventName: 'push',
    },
    headShaSource: 'env CI_COMMIT_SHA',
  },
  {
    title: 'CircleCI forked pull request',
    env: {
      CIRCLECI: 'true',
      CI: 'true',
      CIRCLE_SHA1: HEAD,
      CIRCLE_BRANCH: 'pull/23',
      CIRCLE_PR_NUMBER: '23',
      CIRCLE_PULL_REQUEST: 'https://github.com/acme/widgets/pull/23',
      CIRCLE_PROJECT_USERNAME: 'acme',
      CIRCLE_PROJECT_REPONAME: 'widgets',
      CIRCLE_PR_USERNAME: 'contributor',
      CIRCLE_PR_REPONAME: 'widgets',
      CIRCLE_REPOSITORY_URL: 'git@github.com:acme/widgets.git',
      CIRCLE_WORKFLOW_ID: 'wf-1',
      CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/widgets/77',
    },
    expected: {
      id: 'circleci',
      name: 'CircleCI',
      provider: 'github',
      headSha: HEAD,
      headRef: 'pull/23',
      prNumber: 23,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/widgets',
      runId: 'wf-1',
      runUrl: 'https://circleci.com/gh/acme/widgets/77',
    },
    headShaSource: 'env CIRCLE_SHA1',
  },
  {
    title: 'CircleCI pull request known only by its URL',
    env: {
      CIRCLECI: 'true',
      CIRCLE_SHA1: HEAD,
      CIRCLE_BRANCH: 'feature/login',
      CIRCLE_PULL_REQUEST: 'https://github.com/acme/widgets/pull/24',
      CIRCLE_PROJECT_USERNAME: 'acme',
      CIRCLE_PROJECT_REPONAME: 'widgets',
      CIRCLE_REPOSITORY_URL: 'git@github.com:acme/widgets.git',
      CIRCLE_BUILD_NUM: '78',
      CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/widgets/78',
    },
    expected: {
      id: 'circleci',
      name: 'CircleCI',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      prNumber: 24,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: '78',
      runUrl: 'https://circleci.com/gh/acme/widgets/78',
    },
  },
  {
    title: 'Buildkite pull request from a fork',
    env: {
      BUILDKITE: 'true',
      CI: 'true',
      BUILDKITE_COMMIT: HEAD,
      BUILDKITE_BRANCH: 'feature/login',
      BUILDKITE_PULL_REQUEST: '5',
      BUILDKITE_PULL_REQUEST_BASE_BRANCH: 'main',
      BUILDKITE_PULL_REQUEST_REPO: 'https://github.com/contributor/widgets.git',
      BUILDKITE_REPO: 'git@github.com:acme/widgets.git',
      BUILDKITE_BUILD_ID: '0190-uuid',
      BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/widgets/builds/12',
      BUILDKITE_SOURCE: 'webhook',
    },
    expected: {
      id: 'buildkite',
      name: 'Buildkite',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 5,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/widgets',
      runId: '0190-uuid',
      runUrl: 'https://buildkite.com/acme/widgets/builds/12',
      eventName: 'webhook',
    },
  },
  {
    title: 'Buildkite branch build with BUILDKITE_COMMIT=HEAD (left to git)',
    env: {
      BUILDKITE: 'true',
      BUILDKITE_COMMIT: 'HEAD',
      BUILDKITE_BRANCH: 'main',
      BUILDKITE_PULL_REQUEST: 'false',
      BUILDKITE_REPO: 'https://gitlab.example.com/acme/widgets.git',
      BUILDKITE_BUILD_ID: 'b-2',
      BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/widgets/builds/13',
    },
    expected: {
      id: 'buildkite',
      name: 'Buildkite',
      provider: 'gitlab',
      headRef: 'main',
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: 'b-2',
      runUrl: 'https://buildkite.com/acme/widgets/builds/13',
    },
  },
  {
    title: 'Azure Pipelines pull request on Azure Repos (merge commit kept aside)',
    env: {
      TF_BUILD: 'True',
      BUILD_REASON: 'PullRequest',
      BUILD_SOURCEVERSION: MERGE,
      BUILD_SOURCEBRANCH: 'refs/pull/41/merge',
      SYSTEM_PULLREQUEST_SOURCEBRANCH: 'refs/heads/feature/login',
      SYSTEM_PULLREQUEST_TARGETBRANCH: 'refs/heads/main',
      SYSTEM_PULLREQUEST_PULLREQUESTID: '41',
      BUILD_REPOSITORY_PROVIDER: 'TfsGit',
      BUILD_REPOSITORY_NAME: 'widgets',
      BUILD_REPOSITORY_URI: 'https://acme@dev.azure.com/acme/platform/_git/widgets',
      SYSTEM_COLLECTIONURI: 'https://dev.azure.com/acme/',
      SYSTEM_TEAMPROJECT: 'platform',
      BUILD_BUILDID: '555',
    },
    expected: {
      id: 'azure-pipelines',
      name: 'Azure Pipelines',
      provider: 'azure',
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 41,
      headRepoName: 'acme/platform',
      baseRepoName: 'acme/platform',
      mergeCommitSha: MERGE,
      runId: '555',
      runUrl: 'https://dev.azure.com/acme/platform/_build/results?buildId=555',
      eventName: 'PullRequest',
    },
  },
  {
    title: 'Azure Pipelines pull request on a GitHub repository',
    env: {
      TF_BUILD: 'True',
      BUILD_REASON: 'PullRequest',
      BUILD_SOURCEVERSION: MERGE,
      SYSTEM_PULLREQUEST_SOURCECOMMITID: HEAD,
      SYSTEM_PULLREQUEST_SOURCEBRANCH: 'feature/login',
      SYSTEM_PULLREQUEST_TARGETBRANCH: 'main',
      SYSTEM_PULLREQUEST_PULLREQUESTNUMBER: '12',
      SYSTEM_PULLREQUEST_PULLREQUESTID: '987654',
      BUILD_REPOSITORY_PROVIDER: 'GitHub',
      BUILD_REPOSITORY_NAME: 'acme/widgets',
      SYSTEM_COLLECTIONURI: 'https://dev.azure.com/acme/',
      SYSTEM_TEAMPROJECT: 'platform',
      BUILD_BUILDID: '556',
    },
    expected: {
      id: 'azure-pipelines',
      name: 'Azure Pipelines',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 12,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      mergeCommitSha: MERGE,
      runId: '556',
      runUrl: 'https://dev.azure.com/acme/platform/_build/results?buildId=556',
      eventName: 'PullRequest',
    },
    headShaSource: 'env SYSTEM_PULLREQUEST_SOURCECOMMITID',
  },
  {
    title: 'Azure Pipelines CI build',
    env: {
      TF_BUILD: 'True',
      BUILD_REASON: 'IndividualCI',
      BUILD_SOURCEVERSION: HEAD,
      BUILD_SOURCEBRANCH: 'refs/heads/feature/login',
      BUILD_REPOSITORY_PROVIDER: 'GitHub',
      BUILD_REPOSITORY_NAME: 'acme/widgets',
      BUILD_BUILDID: '557',
    },
    expected: {
      id: 'azure-pipelines',
      name: 'Azure Pipelines',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: '557',
      eventName: 'IndividualCI',
    },
  },
  {
    title: 'Bitbucket Pipelines pull request (short destination commit ignored)',
    env: {
      CI: 'true',
      BITBUCKET_BUILD_NUMBER: '64',
      BITBUCKET_COMMIT: HEAD,
      BITBUCKET_BRANCH: 'feature/login',
      BITBUCKET_PR_ID: '3',
      BITBUCKET_PR_DESTINATION_BRANCH: 'main',
      BITBUCKET_PR_DESTINATION_COMMIT: 'b2b2b2b2b2b2',
      BITBUCKET_REPO_FULL_NAME: 'acme/widgets',
      BITBUCKET_PIPELINE_UUID: '{pipe-uuid}',
    },
    expected: {
      id: 'bitbucket-pipelines',
      name: 'Bitbucket Pipelines',
      provider: 'bitbucket',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 3,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: '{pipe-uuid}',
      runUrl: 'https://bitbucket.org/acme/widgets/pipelines/results/64',
    },
  },
  {
    title: 'Jenkins plain job (git plugin)',
    env: {
      JENKINS_URL: 'https://ci.acme.corp/',
      GIT_COMMIT: HEAD,
      GIT_BRANCH: 'origin/feature/login',
      GIT_URL: 'https://github.com/acme/widgets.git',
      BUILD_TAG: 'jenkins-widgets-12',
      BUILD_URL: 'https://ci.acme.corp/job/widgets/12/',
    },
    expected: {
      id: 'jenkins',
      name: 'Jenkins',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: 'jenkins-widgets-12',
      runUrl: 'https://ci.acme.corp/job/widgets/12/',
    },
  },
  {
    title: 'Jenkins multibranch pull request',
    env: {
      JENKINS_URL: 'https://ci.acme.corp/',
      GIT_COMMIT: HEAD,
      BRANCH_NAME: 'PR-19',
      CHANGE_ID: '19',
      CHANGE_BRANCH: 'feature/login',
      CHANGE_TARGET: 'main',
      CHANGE_URL: 'https://bitbucket.org/acme/widgets/pull-requests/19',
      GIT_URL: 'https://bitbucket.org/acme/widgets.git',
      BUILD_NUMBER: '3',
      BUILD_URL: 'https://ci.acme.corp/job/widgets/job/PR-19/3/',
    },
    expected: {
      id: 'jenkins',
      name: 'Jenkins',
      provider: 'bitbucket',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 19,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: '3',
      runUrl: 'https://ci.acme.corp/job/widgets/job/PR-19/3/',
      eventName: 'change-request',
    },
  },
  {
    title: 'Jenkins GitHub pull request builder (ghprb) from a fork',
    env: {
      JENKINS_URL: 'https://ci.acme.corp/',
      GIT_COMMIT: MERGE,
      ghprbActualCommit: HEAD,
      ghprbSourceBranch: 'feature/login',
      ghprbTargetBranch: 'main',
      ghprbPullId: '27',
      ghprbAuthorRepoGitUrl: 'https://github.com/contributor/widgets.git',
      GIT_URL: 'https://github.com/acme/widgets.git',
      BUILD_NUMBER: '8',
      BUILD_URL: 'https://ci.acme.corp/job/widgets-pr/8/',
    },
    expected: {
      id: 'jenkins',
      name: 'Jenkins',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 27,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/widgets',
      runId: '8',
      runUrl: 'https://ci.acme.corp/job/widgets-pr/8/',
      eventName: 'pull_request',
    },
    headShaSource: 'env ghprbActualCommit',
  },
  {
    title: 'Travis CI pull request from a fork',
    env: {
      TRAVIS: 'true',
      CI: 'true',
      TRAVIS_COMMIT: MERGE,
      TRAVIS_PULL_REQUEST: '44',
      TRAVIS_PULL_REQUEST_SHA: HEAD,
      TRAVIS_PULL_REQUEST_BRANCH: 'feature/login',
      TRAVIS_BRANCH: 'main',
      TRAVIS_REPO_SLUG: 'acme/widgets',
      TRAVIS_PULL_REQUEST_SLUG: 'contributor/widgets',
      TRAVIS_BUILD_ID: '700',
      TRAVIS_BUILD_WEB_URL: 'https://app.travis-ci.com/acme/widgets/builds/700',
      TRAVIS_EVENT_TYPE: 'pull_request',
    },
    expected: {
      id: 'travis',
      name: 'Travis CI',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 44,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/widgets',
      mergeCommitSha: MERGE,
      runId: '700',
      runUrl: 'https://app.travis-ci.com/acme/widgets/builds/700',
      eventName: 'pull_request',
    },
    headShaSource: 'env TRAVIS_PULL_REQUEST_SHA',
  },
  {
    title: 'Travis CI push',
    env: {
      TRAVIS: 'true',
      TRAVIS_COMMIT: HEAD,
      TRAVIS_PULL_REQUEST: 'false',
      TRAVIS_BRANCH: 'feature/login',
      TRAVIS_REPO_SLUG: 'acme/widgets',
      TRAVIS_BUILD_ID: '701',
      TRAVIS_EVENT_TYPE: 'push',
    },
    expected: {
      id: 'travis',
      name: 'Travis CI',
      headSha: HEAD,
      headRef: 'feature/login',
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: '701',
      eventName: 'push',
    },
  },
  {
    title: 'Bitrise pull request from a fork',
    env: {
      BITRISE_IO: 'true',
      CI: 'true',
      BITRISE_GIT_COMMIT: HEAD,
      BITRISE_GIT_BRANCH: 'feature/login',
      BITRISEIO_GIT_BRANCH_DEST: 'main',
      BITRISE_PULL_REQUEST: '6',
      BITRISEIO_PULL_REQUEST_REPOSITORY_URL: 'git@github.com:contributor/widgets.git',
      GIT_REPOSITORY_URL: 'git@github.com:acme/widgets.git',
      BITRISE_BUILD_SLUG: 'slug-1',
      BITRISE_BUILD_URL: 'https://app.bitrise.io/build/slug-1',
    },
    expected: {
      id: 'bitrise',
      name: 'Bitrise',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 6,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/widgets',
      runId: 'slug-1',
      runUrl: 'https://app.bitrise.io/build/slug-1',
    },
  },
  {
    title: 'AWS CodeBuild pull request webhook',
    env: {
      CODEBUILD_BUILD_ID: 'widgets:abc',
      CODEBUILD_RESOLVED_SOURCE_VERSION: HEAD,
      CODEBUILD_SOURCE_VERSION: 'pr/15',
      CODEBUILD_WEBHOOK_TRIGGER: 'pr/15',
      CODEBUILD_WEBHOOK_HEAD_REF: 'refs/heads/feature/login',
      CODEBUILD_WEBHOOK_BASE_REF: 'refs/heads/main',
      CODEBUILD_WEBHOOK_EVENT: 'PULL_REQUEST_UPDATED',
      CODEBUILD_SOURCE_REPO_URL: 'https://github.com/acme/widgets.git',
      CODEBUILD_BUILD_URL: 'https://console.aws.amazon.com/codebuild/build/widgets:abc',
    },
    expected: {
      id: 'aws-codebuild',
      name: 'AWS CodeBuild',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 15,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: 'widgets:abc',
      runUrl: 'https://console.aws.amazon.com/codebuild/build/widgets:abc',
      eventName: 'PULL_REQUEST_UPDATED',
    },
  },
  {
    title: 'AWS CodeBuild branch webhook',
    env: {
      CODEBUILD_BUILD_ID: 'widgets:def',
      CODEBUILD_RESOLVED_SOURCE_VERSION: HEAD,
      CODEBUILD_WEBHOOK_TRIGGER: 'branch/feature/login',
      CODEBUILD_SOURCE_REPO_URL: 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/widgets',
    },
    expected: {
      id: 'aws-codebuild',
      name: 'AWS CodeBuild',
      provider: 'amazonaws',
      headSha: HEAD,
      headRef: 'feature/login',
      headRepoName: 'widgets',
      baseRepoName: 'widgets',
      runId: 'widgets:def',
    },
  },
  {
    title: 'Google Cloud Build GitHub pull request trigger (substitutions mapped into env)',
    env: {
      BUILDER_OUTPUT: '/builder/outputs',
      COMMIT_SHA: HEAD,
      _HEAD_BRANCH: 'feature/login',
      _BASE_BRANCH: 'main',
      _PR_NUMBER: '8',
      _HEAD_REPO_URL: 'https://github.com/contributor/widgets',
      REPO_FULL_NAME: 'acme/widgets',
      BUILD_ID: 'build-1',
      PROJECT_ID: 'acme-ci',
      LOCATION: 'europe-west1',
      TRIGGER_NAME: 'widgets-pr',
    },
    expected: {
      id: 'google-cloud-build',
      name: 'Google Cloud Build',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 8,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/widgets',
      runId: 'build-1',
      runUrl:
        'https://console.cloud.google.com/cloud-build/builds;region=europe-west1/build-1?project=acme-ci',
      eventName: 'widgets-pr',
    },
  },
  {
    title: 'TeamCity',
    env: { TEAMCITY_VERSION: '2025.07', BUILD_VCS_NUMBER: HEAD, BUILD_NUMBER: '311' },
    expected: { id: 'teamcity', name: 'TeamCity', headSha: HEAD, runId: '311' },
  },
  {
    title: 'Drone pull request',
    env: {
      DRONE: 'true',
      CI: 'true',
      DRONE_COMMIT_SHA: HEAD,
      DRONE_BRANCH: 'main',
      DRONE_SOURCE_BRANCH: 'feature/login',
      DRONE_TARGET_BRANCH: 'main',
      DRONE_PULL_REQUEST: '9',
      DRONE_REPO: 'acme/widgets',
      DRONE_GIT_HTTP_URL: 'https://github.com/acme/widgets.git',
      DRONE_BUILD_NUMBER: '90',
      DRONE_BUILD_LINK: 'https://drone.acme.corp/acme/widgets/90',
      DRONE_BUILD_EVENT: 'pull_request',
    },
    expected: {
      id: 'drone',
      name: 'Drone',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 9,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: '90',
      runUrl: 'https://drone.acme.corp/acme/widgets/90',
      eventName: 'pull_request',
    },
  },
  {
    title: 'Woodpecker pull request on Forgejo',
    env: {
      CI: 'woodpecker',
      CI_COMMIT_SHA: HEAD,
      CI_COMMIT_BRANCH: 'main',
      CI_COMMIT_SOURCE_BRANCH: 'feature/login',
      CI_COMMIT_TARGET_BRANCH: 'main',
      CI_COMMIT_PULL_REQUEST: '4',
      CI_REPO: 'acme/widgets',
      CI_REPO_DEFAULT_BRANCH: 'main',
      CI_FORGE_TYPE: 'forgejo',
      CI_PIPELINE_NUMBER: '40',
      CI_PIPELINE_URL: 'https://ci.codeberg.org/repos/1/pipeline/40',
      CI_PIPELINE_EVENT: 'pull_request',
    },
    expected: {
      id: 'woodpecker',
      name: 'Woodpecker CI',
      provider: 'forgejo',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 4,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      defaultBranch: 'main',
      runId: '40',
      runUrl: 'https://ci.codeberg.org/repos/1/pipeline/40',
      eventName: 'pull_request',
    },
  },
  {
    title: 'Vercel preview deployment of a pull request',
    env: {
      VERCEL: '1',
      CI: '1',
      VERCEL_ENV: 'preview',
      VERCEL_GIT_COMMIT_SHA: HEAD,
      VERCEL_GIT_COMMIT_REF: 'feature/login',
      VERCEL_GIT_PULL_REQUEST_ID: '52',
      VERCEL_GIT_REPO_OWNER: 'acme',
      VERCEL_GIT_REPO_SLUG: 'widgets',
      VERCEL_GIT_PROVIDER: 'github',
      VERCEL_URL: 'widgets-git-feature-login-acme.vercel.app',
      VERCEL_DEPLOYMENT_ID: 'dpl_1',
    },
    expected: {
      id: 'vercel',
      name: 'Vercel',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      prNumber: 52,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: 'dpl_1',
      runUrl: 'https://widgets-git-feature-login-acme.vercel.app',
      eventName: 'preview',
    },
  },
  {
    title: 'Netlify deploy preview',
    env: {
      NETLIFY: 'true',
      CONTEXT: 'deploy-preview',
      COMMIT_REF: HEAD,
      HEAD: 'feature/login',
      BRANCH: 'feature/login',
      PULL_REQUEST: 'true',
      REVIEW_ID: '61',
      REPOSITORY_URL: 'https://github.com/acme/widgets',
      BUILD_ID: 'nb-1',
      SITE_NAME: 'widgets',
      DEPLOY_ID: 'd-1',
    },
    expected: {
      id: 'netlify',
      name: 'Netlify',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      prNumber: 61,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: 'nb-1',
      runUrl: 'https://app.netlify.com/sites/widgets/deploys/d-1',
      eventName: 'deploy-preview',
    },
  },
  {
    title: 'Heroku CI',
    env: {
      CI: 'true',
      HEROKU_TEST_RUN_ID: 'run-1',
      HEROKU_TEST_RUN_COMMIT_VERSION: HEAD,
      HEROKU_TEST_RUN_BRANCH: 'feature/login',
      HEROKU_PR_NUMBER: '71',
    },
    expected: {
      id: 'heroku-ci',
      name: 'Heroku CI',
      headSha: HEAD,
      headRef: 'feature/login',
      prNumber: 71,
      runId: 'run-1',
    },
  },
  {
    title: 'Codemagic pull request',
    env: {
      CI: 'true',
      CM_BUILD_ID: 'cm-1',
      CM_PROJECT_ID: 'proj-1',
      CM_COMMIT: HEAD,
      CM_BRANCH: 'feature/login',
      CM_PULL_REQUEST: 'true',
      CM_PULL_REQUEST_NUMBER: '81',
      CM_PULL_REQUEST_DEST: 'main',
      CM_REPO_SLUG: 'acme/widgets',
    },
    expected: {
      id: 'codemagic',
      name: 'Codemagic',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 81,
      headRepoName: 'acme/widgets',
      baseRepoName: 'acme/widgets',
      runId: 'cm-1',
      runUrl: 'https://codemagic.io/app/proj-1/build/cm-1',
    },
  },
  {
    title: 'Semaphore pull request from a fork',
    env: {
      SEMAPHORE: 'true',
      CI: 'true',
      SEMAPHORE_GIT_REF_TYPE: 'pull-request',
      SEMAPHORE_GIT_SHA: MERGE,
      SEMAPHORE_GIT_PR_SHA: HEAD,
      SEMAPHORE_GIT_PR_BRANCH: 'feature/login',
      SEMAPHORE_GIT_BRANCH: 'main',
      SEMAPHORE_GIT_PR_NUMBER: '91',
      SEMAPHORE_GIT_PR_SLUG: 'contributor/widgets',
      SEMAPHORE_GIT_REPO_SLUG: 'acme/widgets',
      SEMAPHORE_GIT_URL: 'git@github.com:acme/widgets.git',
      SEMAPHORE_WORKFLOW_ID: 'wf-9',
      SEMAPHORE_ORGANIZATION_URL: 'https://acme.semaphoreci.com',
    },
    expected: {
      id: 'semaphore',
      name: 'Semaphore',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 91,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/widgets',
      mergeCommitSha: MERGE,
      runId: 'wf-9',
      runUrl: 'https://acme.semaphoreci.com/workflows/wf-9',
      eventName: 'pull-request',
    },
    headShaSource: 'env SEMAPHORE_GIT_PR_SHA',
  },
  {
    title: 'AppVeyor pull request from a fork',
    env: {
      APPVEYOR: 'True',
      CI: 'True',
      APPVEYOR_REPO_COMMIT: MERGE,
      APPVEYOR_PULL_REQUEST_HEAD_COMMIT: HEAD,
      APPVEYOR_REPO_BRANCH: 'main',
      APPVEYOR_PULL_REQUEST_HEAD_REPO_BRANCH: 'feature/login',
      APPVEYOR_PULL_REQUEST_NUMBER: '101',
      APPVEYOR_REPO_NAME: 'acme/widgets',
      APPVEYOR_PULL_REQUEST_HEAD_REPO_NAME: 'contributor/widgets',
      APPVEYOR_REPO_PROVIDER: 'gitHub',
      APPVEYOR_URL: 'https://ci.appveyor.com',
      APPVEYOR_ACCOUNT_NAME: 'acme',
      APPVEYOR_PROJECT_SLUG: 'widgets',
      APPVEYOR_BUILD_ID: '1001',
    },
    expected: {
      id: 'appveyor',
      name: 'AppVeyor',
      provider: 'github',
      headSha: HEAD,
      headRef: 'feature/login',
      baseRef: 'main',
      prNumber: 101,
      headRepoName: 'contributor/widgets',
      baseRepoName: 'acme/widgets',
      runId: '1001',
      runUrl: 'https://ci.appveyor.com/project/acme/widgets/builds/1001',
    },
    headShaSource: 'env APPVEYOR_PULL_REQUEST_HEAD_COMMIT',
  },
  {
    title: 'any other CI through the CI=true convention',
    env: { CI: 'true', HEAD_SHA_OF_SOME_CI: HEAD },
    expected: { id: 'generic', name: 'CI' },
  },
];

describe('detectCi', () => {
  it.each(cases)('$title', ({ env, expected, headShaSource }) => {
    const ci = detectCi(env);
    expect(ci).toBeDefined();
    const { sources, warnings, shallowCloneFix, defaultBranchSource, ...fields } = ci!;
    expect(fields).toEqual(expected);
    expect(defaultBranchSource === undefined).toBe(fields.defaultBranch === undefined);
    expect(warnings).toEqual([]);
    expect(shallowCloneFix).not.toBe('');
    // Every VCS field that is set says where it came from, and only those.
    const setFields = vcsFields.filter((field) => fields[field] !== undefined);
    expect(Object.keys(sources).sort()).toEqual([...setFields].sort());
    if (headShaSource) expect(sources.headSha).toBe(headShaSource);
  });

  it('is undefined outside CI, and for CI=false', () => {
    expect(detectCi({ PATH: '/usr/bin', HOME: '/home/me' })).toBeUndefined();
    expect(detectCi({ CI: 'false' })).toBeUndefined();
  });

  it('warns, and takes no head from GITHUB_SHA, when a pull_request payload cannot be read', () => {
    const ci = detectCi({
      ...github,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(payloadDir, 'missing.json'),
      GITHUB_SHA: MERGE,
      GITHUB_REF: 'refs/pull/17/merge',
      GITHUB_HEAD_REF: 'feature/login',
      GITHUB_BASE_REF: 'main',
    });
    expect(ci?.headSha).toBeUndefined();
    expect(ci?.mergeCommitSha).toBe(MERGE);
    expect(ci?.prNumber).toBe(17);
    expect(ci?.sources.prNumber).toBe('env GITHUB_REF');
    expect(ci?.headRef).toBe('feature/login');
    expect(ci?.warnings.join('\n')).toMatch(/GITHUB_EVENT_PATH .* could not be read/);
  });

  it('names the checkout setting that fixes a shallow clone for each CI', () => {
    expect(detectCi({ GITHUB_ACTIONS: 'true' })?.shallowCloneFix).toMatch(/fetch-depth: 0/);
    expect(detectCi({ GITLAB_CI: 'true' })?.shallowCloneFix).toMatch(/GIT_DEPTH: 0/);
  });
});

interface BaseBranchRow {
  id: string;
  /** What marks the CI, on a branch build. */
  env: Env;
  /** The repository's default branch as the CI states it (`trunk` in every row), with its source. */
  defaultBranch?: string;
  /** What makes it a pull/merge request build whose target is `release`, with the target's source. */
  pullRequest?: { env: Env; source: string };
}

const repositoryEvent = eventFile('repository-default', { repository: { default_branch: 'trunk' } });

// The variables each CI sets for the base of a comparison; CIs absent a variable leave it to git.
const baseBranchRows: BaseBranchRow[] = [
  {
    id: 'github-actions',
    env: { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: repositoryEvent },
    defaultBranch: 'GITHUB_EVENT_PATH repository.default_branch',
    pullRequest: {
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventFile('pull-request-release', {
          pull_request: { number: 3, base: { ref: 'release' } },
          repository: { default_branch: 'trunk' },
        }),
      },
      source: 'GITHUB_EVENT_PATH pull_request.base.ref',
    },
  },
  {
    id: 'gitlab',
    env: { GITLAB_CI: 'true', CI_DEFAULT_BRANCH: 'trunk' },
    defaultBranch: 'env CI_DEFAULT_BRANCH',
    pullRequest: {
      env: { CI_MERGE_REQUEST_IID: '3', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'release' },
      source: 'env CI_MERGE_REQUEST_TARGET_BRANCH_NAME',
    },
  },
  { id: 'circleci', env: { CIRCLECI: 'true' } },
  {
    id: 'buildkite',
    env: { BUILDKITE: 'true', BUILDKITE_PIPELINE_DEFAULT_BRANCH: 'trunk' },
    defaultBranch: 'env BUILDKITE_PIPELINE_DEFAULT_BRANCH',
    pullRequest: {
      env: { BUILDKITE_PULL_REQUEST: '3', BUILDKITE_PULL_REQUEST_BASE_BRANCH: 'release' },
      source: 'env BUILDKITE_PULL_REQUEST_BASE_BRANCH',
    },
  },
  {
    id: 'azure-pipelines',
    env: { TF_BUILD: 'True' },
    pullRequest: {
      env: { BUILD_REASON: 'PullRequest', SYSTEM_PULLREQUEST_TARGETBRANCH: 'refs/heads/release' },
      source: 'env SYSTEM_PULLREQUEST_TARGETBRANCH',
    },
  },
  {
    id: 'bitbucket-pipelines',
    env: { BITBUCKET_BUILD_NUMBER: '1', BITBUCKET_COMMIT: 'HEAD' },
    pullRequest: {
      env: { BITBUCKET_PR_ID: '3', BITBUCKET_PR_DESTINATION_BRANCH: 'release' },
      source: 'env BITBUCKET_PR_DESTINATION_BRANCH',
    },
  },
  {
    id: 'jenkins',
    env: { JENKINS_URL: 'https://jenkins.example.com/' },
    pullRequest: { env: { CHANGE_ID: '3', CHANGE_TARGET: 'release' }, source: 'env CHANGE_TARGET' },
  },
  {
    id: 'travis',
    env: { TRAVIS: 'true', TRAVIS_BRANCH: 'feature' },
    pullRequest: { env: { TRAVIS_PULL_REQUEST: '3', TRAVIS_BRANCH: 'release' }, source: 'env TRAVIS_BRANCH' },
  },
  {
    id: 'bitrise',
    env: { BITRISE_IO: 'true' },
    pullRequest: {
      env: { BITRISE_PULL_REQUEST: '3', BITRISEIO_GIT_BRANCH_DEST: 'release' },
      source: 'env BITRISEIO_GIT_BRANCH_DEST',
    },
  },
  {
    id: 'aws-codebuild',
    env: { CODEBUILD_BUILD_ID: 'widgets:1' },
    pullRequest: {
      env: { CODEBUILD_WEBHOOK_TRIGGER: 'pr/3', CODEBUILD_WEBHOOK_BASE_REF: 'refs/heads/release' },
      source: 'env CODEBUILD_WEBHOOK_BASE_REF',
    },
  },
  {
    id: 'google-cloud-build',
    env: { BUILDER_OUTPUT: '/builder/outputs' },
    pullRequest: { env: { _PR_NUMBER: '3', _BASE_BRANCH: 'release' }, source: 'env _BASE_BRANCH' },
  },
  { id: 'teamcity', env: { TEAMCITY_VERSION: '2024.12' } },
  {
    id: 'woodpecker',
    env: { CI: 'woodpecker', CI_REPO_DEFAULT_BRANCH: 'trunk' },
    defaultBranch: 'env CI_REPO_DEFAULT_BRANCH',
    pullRequest: {
      env: { CI_COMMIT_PULL_REQUEST: '3', CI_COMMIT_TARGET_BRANCH: 'release' },
      source: 'env CI_COMMIT_TARGET_BRANCH',
    },
  },
  {
    id: 'drone',
    env: { DRONE: 'true', DRONE_REPO_BRANCH: 'trunk' },
    defaultBranch: 'env DRONE_REPO_BRANCH',
    pullRequest: {
      env: { DRONE_PULL_REQUEST: '3', DRONE_TARGET_BRANCH: 'release' },
      source: 'env DRONE_TARGET_BRANCH',
    },
  },
  { id: 'vercel', env: { VERCEL: '1', VERCEL_GIT_COMMIT_SHA: HEAD } },
  { id: 'netlify', env: { NETLIFY: 'true' } },
  { id: 'heroku-ci', env: { HEROKU_TEST_RUN_ID: 'run-1' } },
  {
    id: 'codemagic',
    env: { CM_BUILD_ID: 'build-1' },
    pullRequest: {
      env: { CM_PULL_REQUEST: 'true', CM_PULL_REQUEST_DEST: 'release' },
      source: 'env CM_PULL_REQUEST_DEST',
    },
  },
  {
    id: 'semaphore',
    env: { SEMAPHORE: 'true', SEMAPHORE_GIT_BRANCH: 'feature' },
    pullRequest: {
      env: { SEMAPHORE_GIT_REF_TYPE: 'pull-request', SEMAPHORE_GIT_BRANCH: 'release' },
      source: 'env SEMAPHORE_GIT_BRANCH',
    },
  },
  {
    id: 'appveyor',
    env: { APPVEYOR: 'True', APPVEYOR_REPO_BRANCH: 'feature' },
    pullRequest: {
      env: { APPVEYOR_PULL_REQUEST_NUMBER: '3', APPVEYOR_REPO_BRANCH: 'release' },
      source: 'env APPVEYOR_REPO_BRANCH',
    },
  },
  { id: 'generic', env: { CI: 'true' } },
];

describe('the base branch each CI names', () => {
  it('covers every registered CI', () => {
    expect(baseBranchRows.map((row) => row.id)).toEqual(ciProviders.map((provider) => provider.id));
  });

  it.each(baseBranchRows)('$id: the default branch on a branch build', ({ id, env, defaultBranch }) => {
    const ci = detectCi(env);
    expect(ci?.id).toBe(id);
    expect(ci?.baseRef).toBeUndefined();
    expect(ci?.defaultBranch).toBe(defaultBranch && 'trunk');
    expect(ci?.defaultBranchSource).toBe(defaultBranch);
  });

  it.each(baseBranchRows)('$id: the target branch of a pull request', ({ id, env, pullRequest }) => {
    const ci = detectCi({ ...env, ...pullRequest?.env });
    expect(ci?.id).toBe(id);
    expect(ci?.baseRef).toBe(pullRequest && 'release');
    expect(ci?.sources.baseRef).toBe(pullRequest?.source);
  });

  it('GitLab external pull request pipelines name their target too', () => {
    const ci = detectCi({ GITLAB_CI: 'true', CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_NAME: 'release' });
    expect(ci?.baseRef).toBe('release');
    expect(ci?.sources.baseRef).toBe('env CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_NAME');
  });
});
