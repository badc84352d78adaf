import type { VcsContext, VcsField } from '../schemas/vcs-context.js';

/** The CI run this process is part of, and what it says about the commit being built. */
export interface CiEnvironment extends VcsContext {
  /** Stable id: `github-actions`, `gitlab`, `circleci`, … or `generic` for a bare `CI=true`. */
  id: string;
  name: string;
  /** The CI's synthetic merge commit on pull requests; never sent as `head_sha`. */
  mergeCommitSha?: string;
  /** The repository's default branch, when the CI names it. */
  defaultBranch?: string;
  /** Where the CI states it: `env CI_DEFAULT_BRANCH`, `GITHUB_EVENT_PATH repository.default_branch`. */
  defaultBranchSource?: string;
  runId?: string;
  runUrl?: string;
  eventName?: string;
  /** Where each field came from: `env CI_COMMIT_SHA`, `GITHUB_EVENT_PATH pull_request.head.sha`. */
  sources: Partial<Record<VcsField, string>>;
  warnings: string[];
  /** The checkout setting that gives this CI the history a merge-base needs. */
  shallowCloneFix: string;
}
