import { type GitWorld, runGit } from './run-git.js';

export interface GitRemote {
  name: string;
  url: string;
}

/** What the local repository says, read once; every field is absent outside a git repository. */
export interface GitState {
  root?: string;
  headSha?: string;
  /** The checked-out branch, or on a detached HEAD a branch that points at it. */
  branch?: string;
  branchSource?: string;
  shallow?: boolean;
  /** On a shallow clone, the commits it holds from HEAD back (counting a full history is not worth its time). */
  depth?: number;
  remotes: GitRemote[];
}

export async function readGitState(world: GitWorld): Promise<GitState> {
  const root = await runGit(['rev-parse', '--show-toplevel'], world);
  if (!root.ok) return { remotes: [] };
  const [head, branch, shallow, remotes] = await Promise.all([
    runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], world),
    runGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], world),
    runGit(['rev-parse', '--is-shallow-repository'], world),
    runGit(['remote', '-v'], world),
  ]);
  const isShallow = shallow.ok ? shallow.stdout === 'true' : undefined;
  const depth = isShallow ? await runGit(['rev-list', '--count', 'HEAD'], world) : undefined;
  const detachedBranch = branch.ok ? undefined : await findBranchAtHead(world);
  return {
    root: root.stdout,
    headSha: head.ok && head.stdout ? head.stdout : undefined,
    branch: branch.ok && branch.stdout ? branch.stdout : detachedBranch,
    branchSource: branch.ok ? 'git symbolic-ref HEAD' : detachedBranch && 'git for-each-ref --points-at HEAD',
    shallow: isShallow,
    depth: depth?.ok ? Number(depth.stdout) : undefined,
    remotes: parseRemotes(remotes.stdout),
  };
}

// CIs often check out a commit, not a branch; a local or remote-tracking branch at HEAD names it.
async function findBranchAtHead(world: GitWorld): Promise<string | undefined> {
  const refs = await runGit(
    ['for-each-ref', '--points-at', 'HEAD', '--format=%(refname)', 'refs/heads', 'refs/remotes'],
    world,
  );
  for (const ref of refs.stdout.split('\n')) {
    if (ref.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length);
    const remoteBranch = /^refs\/remotes\/[^/]+\/(.+)$/.exec(ref)?.[1];
    if (remoteBranch && remoteBranch !== 'HEAD') return remoteBranch;
  }
  return undefined;
}

function parseRemotes(output: string): GitRemote[] {
  const remotes: GitRemote[] = [];
  for (const line of output.split('\n')) {
    const match = /^(\S+)\s+(\S+)\s+\(fetch\)$/.exec(line);
    if (match) remotes.push({ name: match[1]!, url: match[2]! });
  }
  return remotes;
}
