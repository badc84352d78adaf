import { readFile } from 'node:fs/promises';
import type { Env } from '@sentry-snapshots/core';
import { z } from 'zod';

const RepositorySchema = z.looseObject({ full_name: z.string() });

/** Only what the action reads of a webhook payload; GitHub sends much more. */
export const GitHubEventSchema = z.looseObject({
  pull_request: z
    .looseObject({
      number: z.number().int().positive(),
      head: z.looseObject({ repo: RepositorySchema.nullish() }),
      base: z.looseObject({ repo: RepositorySchema.nullish() }),
    })
    .optional(),
});

export interface PullRequestContext {
  number: number;
  /** The head comes from another repository, so the run gets no secrets (unless `pull_request_target`). */
  isFork: boolean;
}

export interface GitHubContext {
  eventName: string | undefined;
  /** `owner/repo` of the workflow run. */
  repository: string | undefined;
  apiUrl: string;
  actor: string | undefined;
  pullRequest: PullRequestContext | undefined;
}

/** The run's context from the runner's variables and the event payload (absent outside Actions). */
export async function readGitHubContext(env: Env): Promise<GitHubContext> {
  const event = await readEvent(env.GITHUB_EVENT_PATH);
  const pull = event?.pull_request;
  const headRepo = pull?.head.repo?.full_name;
  const baseRepo = pull?.base.repo?.full_name;
  return {
    eventName: env.GITHUB_EVENT_NAME || undefined,
    repository: env.GITHUB_REPOSITORY || baseRepo,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    actor: env.GITHUB_ACTOR || undefined,
    pullRequest: pull && {
      number: pull.number,
      // A deleted fork leaves `head.repo` null; it was a fork all the same.
      isFork: headRepo === undefined || headRepo !== baseRepo,
    },
  };
}

async function readEvent(path: string | undefined): Promise<z.infer<typeof GitHubEventSchema> | undefined> {
  if (!path) return undefined;
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = GitHubEventSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Secrets are withheld from fork pull requests and from Dependabot's runs. */
export function isRunWithoutSecrets(context: GitHubContext): boolean {
  return context.pullRequest?.isFork === true || context.actor === 'dependabot[bot]';
}
