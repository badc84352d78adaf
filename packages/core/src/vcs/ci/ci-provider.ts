import type { Env } from '../../world.js';

/** A value read from the CI, with where it came from (`env GITHUB_HEAD_REF`, `GITHUB_EVENT_PATH pull_request.head.sha`). */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** What one CI run tells about the commit being built; every part is optional. */
export interface CiReading {
  provider?: Sourced<string>;
  headSha?: Sourced<string>;
  baseSha?: Sourced<string>;
  headRef?: Sourced<string>;
  /** On a pull or merge request, its target branch. */
  baseRef?: Sourced<string>;
  prNumber?: Sourced<number>;
  headRepoName?: Sourced<string>;
  baseRepoName?: Sourced<string>;
  /** The synthetic merge commit some CIs check out on pull requests (first parent base, second the PR head). */
  mergeCommitSha?: string;
  /** The repository's default branch as the CI states it: the base of a branch build, over the clone's `origin/HEAD`. */
  defaultBranch?: Sourced<string>;
  runId?: string;
  runUrl?: string;
  eventName?: string;
  warnings?: string[];
}

export interface CiProvider {
  id: string;
  name: string;
  detect(env: Env): boolean;
  read(env: Env): CiReading;
  /** The checkout setting that gives this CI enough history for a merge-base. */
  shallowCloneFix: string;
}
