import { type GitWorld, gitNetworkTimeoutMs, runGit } from './run-git.js';

export interface MergeBaseRequest {
  /** The commit being built. */
  head: string;
  /** Remote to fetch the base branch from; absent when the repository has none. */
  remote?: string;
  baseRef: string;
  /** Fetch the base branch and deepen a shallow clone when the merge-base is not local. */
  deepen: boolean;
}

export interface MergeBaseResult {
  sha?: string;
  /** Commits fetched by `--deepen` steps in total. */
  deepenedBy: number;
  /** Whether the base branch had to be fetched because no local ref held it. */
  fetchedBase: boolean;
  /** Whether the clone is still shallow after the search. */
  shallow: boolean;
}

// Each step deepens from the current shallow boundary, so the search reaches 1,550 commits past
// what the checkout fetched, in five fetches, before it gives up.
const deepenSteps = [50, 100, 200, 400, 800];
const initialBaseDepth = 50;

/** The merge-base of `head` and the base branch, fetching history step by step on a shallow clone. */
export async function findMergeBase(request: MergeBaseRequest, world: GitWorld): Promise<MergeBaseResult> {
  let shallow = await isShallow(world);
  const result: MergeBaseResult = { deepenedBy: 0, fetchedBase: false, shallow };
  const { remote, baseRef } = request;
  const tracking = remote ? `refs/remotes/${remote}/${baseRef}` : `refs/heads/${baseRef}`;
  const refspec = `+refs/heads/${baseRef}:${tracking}`;

  if (!(await hasCommit(tracking, world))) {
    if (!remote || !request.deepen) return result;
    const depth = shallow ? [`--depth=${initialBaseDepth}`] : [];
    const fetched = await runGit(['fetch', '--no-tags', '--quiet', ...depth, remote, refspec], world, {
      timeoutMs: gitNetworkTimeoutMs,
    });
    if (!fetched.ok) return result;
    result.fetchedBase = true;
  }

  for (let step = 0; ; step++) {
    const base = await runGit(['merge-base', request.head, tracking], world);
    if (base.ok && base.stdout) return { ...result, sha: base.stdout, shallow };
    const by = deepenSteps[step];
    if (!remote || !request.deepen || !shallow || by === undefined) return { ...result, shallow };
    const deepened = await runGit(
      ['fetch', '--no-tags', '--quiet', `--deepen=${by}`, remote, refspec],
      world,
    );
    if (!deepened.ok) return { ...result, shallow };
    result.deepenedBy += by;
    shallow = await isShallow(world);
  }
}

async function isShallow(world: GitWorld): Promise<boolean> {
  return (await runGit(['rev-parse', '--is-shallow-repository'], world)).stdout === 'true';
}

async function hasCommit(rev: string, world: GitWorld): Promise<boolean> {
  return (await runGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], world)).ok;
}
