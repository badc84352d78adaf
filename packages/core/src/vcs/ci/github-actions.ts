import { readFileSync } from 'node:fs';
import type { Env } from '../../world.js';
import type { CiProvider, CiReading, Sourced } from './ci-provider.js';
import { envBranch, envSha, envString, isFullSha, readEnv, stripBranchPrefix } from './read-env.js';

// Events whose payload carries `pull_request`; for all of them `GITHUB_SHA` is not the PR head.
const pullRequestEvents = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
]);
// On these, `GITHUB_SHA` is the temporary merge commit of `refs/pull/<n>/merge`.
const mergeCommitEvents = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);
const queueRefPattern = /^(?:refs\/heads\/)?gh-readonly-queue\/(.+)\/pr-(\d+)-[0-9a-f]+$/;

export const githubActions: CiProvider = {
  id: 'github-actions',
  name: 'GitHub Actions',
  detect: (env) => env.GITHUB_ACTIONS === 'true',
  shallowCloneFix: 'set `fetch-depth: 0` on the `actions/checkout` step',
  read(env) {
    const eventName = readEnv(env, 'GITHUB_EVENT_NAME');
    const warnings: string[] = [];
    const payload = readEventPayload(env, warnings);
    const serverUrl = readEnv(env, 'GITHUB_SERVER_URL') ?? 'https://github.com';
    const repository = envString(env, 'GITHUB_REPOSITORY');
    const runId = readEnv(env, 'GITHUB_RUN_ID');
    const reading: CiReading = {
      provider: {
        value: /^https:\/\/github\.com\/?$/.test(serverUrl) ? 'github' : 'github_enterprise',
        source: readEnv(env, 'GITHUB_SERVER_URL') ? 'env GITHUB_SERVER_URL' : 'GitHub Actions',
      },
      headRepoName: repository,
      baseRepoName: repository,
      runId,
      runUrl: repository && runId ? `${serverUrl}/${repository.value}/actions/runs/${runId}` : undefined,
      eventName,
      defaultBranch: payloadValue(payload, 'repository.default_branch', 'string'),
      warnings,
    };
    const refName = readEnv(env, 'GITHUB_REF')?.startsWith('refs/heads/')
      ? envString(env, 'GITHUB_REF_NAME')
      : undefined;

    if (eventName !== undefined && pullRequestEvents.has(eventName)) {
      if (payload === undefined) {
        warnings.push(
          `GITHUB_EVENT_PATH could not be read on a ${eventName} event: the PR head and base commits come from git instead.`,
        );
      }
      const prFromRef = /^refs\/pull\/(\d+)\//.exec(readEnv(env, 'GITHUB_REF') ?? '')?.[1];
      return {
        ...reading,
        headSha: payloadSha(payload, 'pull_request.head.sha'),
        baseSha: payloadSha(payload, 'pull_request.base.sha'),
        headRef:
          payloadValue(payload, 'pull_request.head.ref', 'string') ?? envBranch(env, 'GITHUB_HEAD_REF'),
        baseRef:
          payloadValue(payload, 'pull_request.base.ref', 'string') ?? envBranch(env, 'GITHUB_BASE_REF'),
        prNumber:
          payloadValue(payload, 'pull_request.number', 'number') ??
          (prFromRef ? { value: Number(prFromRef), source: 'env GITHUB_REF' } : undefined),
        headRepoName: payloadValue(payload, 'pull_request.head.repo.full_name', 'string') ?? repository,
        baseRepoName: payloadValue(payload, 'pull_request.base.repo.full_name', 'string') ?? repository,
        mergeCommitSha: mergeCommitEvents.has(eventName) ? envSha(env, 'GITHUB_SHA')?.value : undefined,
      };
    }

    if (eventName === 'merge_group') {
      const headRef = payloadValue(payload, 'merge_group.head_ref', 'string') ?? envString(env, 'GITHUB_REF');
      const queue = headRef ? queueRefPattern.exec(headRef.value) : null;
      const baseRef = payloadValue(payload, 'merge_group.base_ref', 'string');
      return {
        ...reading,
        headSha: payloadSha(payload, 'merge_group.head_sha') ?? envSha(env, 'GITHUB_SHA'),
        baseSha: payloadSha(payload, 'merge_group.base_sha'),
        headRef: headRef && { ...headRef, value: stripBranchPrefix(headRef.value) },
        baseRef: baseRef
          ? { ...baseRef, value: stripBranchPrefix(baseRef.value) }
          : queue && headRef
            ? { value: queue[1]!, source: `${headRef.source} (gh-readonly-queue/<branch>/…)` }
            : undefined,
        prNumber:
          queue && headRef
            ? { value: Number(queue[2]), source: `${headRef.source} (…/pr-<n>-…)` }
            : undefined,
      };
    }

    if (eventName === 'push') {
      return {
        ...reading,
        headSha: payloadSha(payload, 'after') ?? envSha(env, 'GITHUB_SHA'),
        headRef: refName,
      };
    }

    return { ...reading, headSha: envSha(env, 'GITHUB_SHA'), headRef: refName };
  },
};

function readEventPayload(env: Env, warnings: string[]): unknown {
  const path = readEnv(env, 'GITHUB_EVENT_PATH');
  if (path === undefined) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    warnings.push(`GITHUB_EVENT_PATH (${path}) could not be read: ${(error as Error).message}`);
    return undefined;
  }
}

function payloadValue<T extends 'string' | 'number'>(
  payload: unknown,
  path: string,
  type: T,
): Sourced<T extends 'string' ? string : number> | undefined {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value !== type || value === '') return undefined;
  return { value: value as T extends 'string' ? string : number, source: `GITHUB_EVENT_PATH ${path}` };
}

function payloadSha(payload: unknown, path: string): Sourced<string> | undefined {
  const found = payloadValue(payload, path, 'string');
  const value = found?.value.toLowerCase();
  // A push that deletes a branch has `after` all zeros.
  return found && value && isFullSha(value) && !/^0+$/.test(value) ? { ...found, value } : undefined;
}
