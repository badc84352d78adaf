import { SnapshotsError } from '../errors.js';
import { type VcsContext, type VcsField, vcsFields, vcsWireNames } from '../schemas/vcs-context.js';
import type { World } from '../world.js';
import type { CiEnvironment } from './ci-environment.js';
import { detectCi } from './detect-ci.js';
import { findMergeBase } from './find-merge-base.js';
import { parseRemoteUrl } from './parse-remote-url.js';
import { type GitRemote, readGitState } from './read-git-state.js';
import { type GitWorld, gitNetworkTimeoutMs, runGit } from './run-git.js';
import { readVcsEnvOverrides, vcsEnvVars } from './vcs-env-overrides.js';

/** `auto`: git and CI metadata only in CI; `force`: always (`--force-git-metadata`); `off`: never (`--no-git-metadata`). */
export type GitMetadataMode = 'auto' | 'force' | 'off';

export interface VcsResolutionOptions {
  /** Values from flags; they win over everything. */
  explicit?: Partial<VcsContext>;
  mode?: GitMetadataMode;
  /** Fetch the base branch and deepen a shallow clone to find the merge-base; defaults to on in CI. */
  deepen?: boolean;
}

export interface VcsGitFacts {
  root?: string;
  /** As checked out, before any fetch. */
  shallow?: boolean;
  /** On a shallow clone, the commits it held from HEAD back as checked out. */
  depth?: number;
  mergeBaseFound?: boolean;
  deepenedBy?: number;
  /** Commits reachable from HEAD after fetching for the merge-base, when anything was fetched. */
  depthAfterFetch?: number;
}

export interface VcsResolution {
  context: VcsContext;
  /** Where each field came from: `flag`, `env SENTRY_SNAPSHOTS_HEAD_SHA`, `git merge-base origin/main HEAD`… */
  sources: Partial<Record<VcsField, string>>;
  ci: CiEnvironment | undefined;
  git: VcsGitFacts;
  warnings: string[];
}

/**
 * The VCS fields of a snapshot. Precedence: flags, then `SENTRY_SNAPSHOTS_*` variables, then the
 * CI's own variables and event payload, then the local git repository.
 */
export async function resolveVcsContext(options: VcsResolutionOptions, world: World): Promise<VcsResolution> {
  const mode = options.mode ?? 'auto';
  const ci = detectCi(world.env);
  const context: VcsContext = {};
  const sources: Partial<Record<VcsField, string>> = {};
  const warnings: string[] = [];
  const git: VcsGitFacts = {};
  const set = <F extends VcsField>(
    field: F,
    value: VcsContext[F] | undefined,
    source: string | undefined,
  ) => {
    if (value === undefined || value === '' || context[field] !== undefined) return;
    context[field] = (
      field === 'headSha' || field === 'baseSha' ? String(value).toLowerCase() : value
    ) as VcsContext[F];
    sources[field] = source ?? 'unknown';
  };

  for (const field of vcsFields) set(field, options.explicit?.[field], 'flag');
  const overrides = readVcsEnvOverrides(world.env);
  for (const field of vcsFields) set(field, overrides[field], `env ${vcsEnvVars[field]}`);

  if (mode === 'force' || (mode === 'auto' && ci !== undefined)) {
    if (ci) {
      warnings.push(...ci.warnings);
      for (const field of vcsFields) set(field, ci[field], ci.sources[field]);
    }
    await fillFromGit(
      { ci, context, sources, set, git, warnings, deepen: options.deepen ?? ci !== undefined },
      world,
    );
  }

  if (context.baseSha !== undefined && context.baseSha === context.headSha) {
    warnings.push(
      `base_sha equals head_sha (${context.headSha}, from ${sources.baseSha}): this is a build of the base itself, so no base is sent.`,
    );
    delete context.baseSha;
    delete sources.baseSha;
    if (sources.baseRef !== 'flag' && !sources.baseRef?.startsWith('env SENTRY_SNAPSHOTS_')) {
      delete context.baseRef;
      delete sources.baseRef;
    }
  }
  if (context.prNumber !== undefined && context.baseSha === undefined) {
    throw new SnapshotsError(
      'INVALID_VCS_CONTEXT',
      `A pull request number (${context.prNumber}, from ${sources.prNumber}) needs a base commit, and none was found.`,
      {
        option: 'baseSha',
        hint: `Give the base commit, ${
          ci ? `or let the merge-base be found: ${ci.shallowCloneFix}` : 'or fetch the base branch'
        }; or leave the PR number out.`,
        details: { [vcsWireNames.prNumber]: context.prNumber, context, sources, warnings, git },
      },
    );
  }
  return { context, sources, ci, git, warnings };
}

interface GitFill {
  ci: CiEnvironment | undefined;
  context: VcsContext;
  sources: Partial<Record<VcsField, string>>;
  set: <F extends VcsField>(field: F, value: VcsContext[F] | undefined, source: string | undefined) => void;
  git: VcsGitFacts;
  warnings: string[];
  deepen: boolean;
}

async function fillFromGit(
  { ci, context, sources, set, git, warnings, deepen }: GitFill,
  world: GitWorld,
): Promise<void> {
  const state = await readGitState(world);
  if (state.root === undefined) return;
  git.root = state.root;
  git.shallow = state.shallow;
  git.depth = state.depth;

  if (
    ci?.mergeCommitSha !== undefined &&
    state.headSha === ci.mergeCommitSha &&
    context.headSha === undefined
  ) {
    // HEAD is the CI's merge commit: its second parent is the pull request's head.
    const prHead = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^2'], world);
    if (prHead.ok) set('headSha', prHead.stdout, 'git rev-parse HEAD^2 (head of the CI merge commit)');
    else
      warnings.push(
        'HEAD is the CI merge commit and its PR parent is not fetched: give the head commit explicitly.',
      );
  } else {
    set('headSha', state.headSha, 'git rev-parse HEAD');
  }
  set('headRef', state.branch, state.branchSource);

  const headRemote = vcsRemote(state.remotes, world.env.SENTRY_VCS_REMOTE, warnings);
  const baseRemote = state.remotes.find((remote) => remote.name === 'upstream') ?? headRemote;
  const headRepository = headRemote && parseRemoteUrl(headRemote.url);
  const baseRepository = baseRemote && parseRemoteUrl(baseRemote.url);
  set('provider', baseRepository?.provider, `git remote ${baseRemote?.name}`);
  set('headRepoName', headRepository?.repoName, `git remote ${headRemote?.name}`);
  set('baseRepoName', baseRepository?.repoName, `git remote ${baseRemote?.name}`);

  if (context.baseSha !== undefined || context.headSha === undefined) return;
  // A flag, a variable or the CI's pull request target is already in baseRef; then the CI's own word on
  // the default branch, and only then the clone's, which a single-branch clone may point at itself.
  const defaultBranch =
    context.baseRef === undefined
      ? ci?.defaultBranch !== undefined
        ? { value: ci.defaultBranch, source: `default branch from ${ci.defaultBranchSource}` }
        : await findDefaultBranch(baseRemote, context.headRef, deepen, world)
      : undefined;
  set('baseRef', defaultBranch?.value, defaultBranch?.source);
  const baseRef = context.baseRef;
  if (baseRef === undefined) {
    warnings.push(
      'The base branch is unknown (no remote default branch): give the base branch or the base commit explicitly.',
    );
    return;
  }
  // The name comes from a CI variable or a flag and goes into a refspec: git's own rules decide it.
  if (!(await runGit(['check-ref-format', `refs/heads/${baseRef}`], world)).ok) {
    warnings.push(
      `The base branch "${baseRef}" (${sources.baseRef}) is not a valid branch name, so no merge-base is searched: give the base branch or the base commit.`,
    );
    return;
  }
  let mergeBaseRemote = baseRemote;
  let mergeBase = await findMergeBase(
    { head: context.headSha, remote: baseRemote?.name, baseRef, deepen },
    world,
  );
  if (mergeBase.sha === undefined && headRemote && headRemote !== baseRemote) {
    // An `upstream` that cannot be fetched (or lacks the branch) should not cost the base: the fork's own copy may have it.
    const fromHead = await findMergeBase(
      { head: context.headSha, remote: headRemote.name, baseRef, deepen },
      world,
    );
    if (fromHead.sha !== undefined) {
      mergeBaseRemote = headRemote;
      mergeBase = { ...fromHead, deepenedBy: fromHead.deepenedBy + mergeBase.deepenedBy };
    }
  }
  git.mergeBaseFound = mergeBase.sha !== undefined;
  git.deepenedBy = mergeBase.deepenedBy;
  if (state.shallow && (mergeBase.deepenedBy > 0 || mergeBase.fetchedBase)) {
    const depth = Number((await runGit(['rev-list', '--count', 'HEAD'], world)).stdout);
    if (depth > 0) git.depthAfterFetch = depth;
  }
  const baseName = mergeBaseRemote ? `${mergeBaseRemote.name}/${baseRef}` : baseRef;
  if (mergeBase.sha !== undefined) {
    set(
      'baseSha',
      mergeBase.sha,
      `git merge-base ${baseName} ${context.headSha === state.headSha ? 'HEAD' : context.headSha}`,
    );
  } else if (mergeBase.shallow) {
    warnings.push(
      `No merge-base of ${baseName} and the head commit in this shallow clone${
        mergeBase.deepenedBy ? ` (deepened by ${mergeBase.deepenedBy} commits)` : ''
      }, so no base_sha is sent. Fix: ${ci?.shallowCloneFix ?? 'fetch the full history (`git fetch --unshallow`)'}, or give the base commit explicitly.`,
    );
  } else {
    warnings.push(
      `No merge-base of ${baseName} and the head commit, so no base_sha is sent: give the base commit explicitly.`,
    );
  }
}

/**
 * The remote the repository is named after: `SENTRY_VCS_REMOTE` as in sentry-cli (its
 * `[defaults] vcs_remote`), else `origin`, else the first. `upstream` still names a fork's base.
 */
function vcsRemote(
  remotes: GitRemote[],
  named: string | undefined,
  warnings: string[],
): GitRemote | undefined {
  const wanted = named?.trim();
  const remote = wanted ? remotes.find((candidate) => candidate.name === wanted) : undefined;
  if (wanted && !remote && remotes.length > 0) {
    warnings.push(`SENTRY_VCS_REMOTE names the remote '${wanted}', which this repository does not have.`);
  }
  return remote ?? remotes.find((candidate) => candidate.name === 'origin') ?? remotes[0];
}

/**
 * The remote's default branch: the local `<remote>/HEAD`, else ask the remote (only when allowed to fetch).
 * A single-branch clone (`--depth 1 --branch feature`) may point `<remote>/HEAD` at the branch it cloned,
 * so there a `<remote>/HEAD` naming the branch being built is checked with the remote first.
 */
async function findDefaultBranch(
  remote: GitRemote | undefined,
  headBranch: string | undefined,
  mayAskRemote: boolean,
  world: GitWorld,
): Promise<{ value: string; source: string } | undefined> {
  if (remote === undefined) return undefined;
  const localHead = `refs/remotes/${remote.name}/HEAD`;
  const local = await runGit(['symbolic-ref', '--quiet', localHead], world);
  const prefix = `refs/remotes/${remote.name}/`;
  const fromLocal =
    local.ok && local.stdout.startsWith(prefix)
      ? { value: local.stdout.slice(prefix.length), source: `git symbolic-ref ${localHead}` }
      : undefined;
  const doubtful =
    fromLocal !== undefined && fromLocal.value === headBranch && !(await fetchesAllBranches(remote, world));
  if (fromLocal && !doubtful) return fromLocal;
  if (mayAskRemote) {
    const answer = await runGit(['ls-remote', '--symref', remote.name, 'HEAD'], world, {
      timeoutMs: gitNetworkTimeoutMs,
    });
    const remoteBranch = /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(answer.stdout)?.[1];
    if (remoteBranch !== undefined) {
      return { value: remoteBranch, source: `git ls-remote --symref ${remote.name} HEAD` };
    }
  }
  return fromLocal ?? (await findCommonDefaultBranch(remote, world));
}

/** Last resort: a fetched `<remote>/main` or `<remote>/master`. */
async function findCommonDefaultBranch(
  remote: GitRemote,
  world: GitWorld,
): Promise<{ value: string; source: string } | undefined> {
  for (const name of ['main', 'master']) {
    const ref = `refs/remotes/${remote.name}/${name}`;
    if ((await runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], world)).ok) {
      return { value: name, source: `${ref} (no remote HEAD known; a usual default branch name)` };
    }
  }
  return undefined;
}

/** Whether the remote's fetch refspecs take every branch, as a full clone's do (a single-branch clone's name one). */
async function fetchesAllBranches(remote: GitRemote, world: GitWorld): Promise<boolean> {
  const refspecs = await runGit(['config', '--get-all', `remote.${remote.name}.fetch`], world);
  return refspecs.stdout.split('\n').some((refspec) => refspec.includes('refs/heads/*'));
}
