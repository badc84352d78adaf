import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** An environment that keeps test repositories away from the user's and the machine's git config. */
export const gitTestEnv: Record<string, string | undefined> = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  // Remotes named like github.com in tests must never be dialled: git may only use local repositories.
  GIT_ALLOW_PROTOCOL: 'file',
};

/** A working repository on disk, driven by the real `git`. */
export interface GitRepo {
  dir: string;
  /** Runs git in the repository and returns its trimmed output. */
  git(...args: string[]): string;
  /** Writes the given files (or one file named after the counter) and commits them; returns the new SHA. */
  commit(message: string, files?: Record<string, string>): string;
  /** `count` commits in a row; returns their SHAs, oldest first. */
  commits(count: number, prefix?: string): string[];
  /** `count` commits on top of HEAD's branch through `git fast-import`, for long histories; returns the new HEAD. */
  fastCommits(count: number): string;
  head(): string;
  /** Creates a branch at HEAD and checks it out. */
  branch(name: string): void;
  checkout(ref: string): void;
  /** Checks out HEAD's commit without a branch, as most CIs do. */
  detach(): void;
  addRemote(name: string, url: string): void;
}

let fileCounter = 0;

function runGit(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: gitTestEnv, encoding: 'utf8', stdio: 'pipe' }).trim();
}

function wrap(dir: string): GitRepo {
  const repo: GitRepo = {
    dir,
    git: (...args) => runGit(dir, args),
    commit(message, files) {
      const contents = files ?? { [`file-${++fileCounter}.txt`]: `${message}\n` };
      for (const [name, text] of Object.entries(contents)) {
        const path = join(dir, name);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      runGit(dir, ['add', '--all']);
      runGit(dir, ['commit', '--quiet', '--no-verify', '-m', message]);
      return repo.head();
    },
    commits(count, prefix = 'commit') {
      return Array.from({ length: count }, (_, index) => repo.commit(`${prefix} ${index + 1}`));
    },
    fastCommits(count) {
      const branch = runGit(dir, ['symbolic-ref', 'HEAD']);
      const parent = repo.head();
      let stream = '';
      for (let index = 1; index <= count; index++) {
        const message = `bulk commit ${index}`;
        const content = `${message}\n`;
        stream += `commit ${branch}\ncommitter Test <test@example.com> ${1_700_000_000 + index} +0000\n`;
        stream += `data ${Buffer.byteLength(message)}\n${message}\n`;
        if (index === 1) stream += `from ${parent}\n`;
        stream += `M 644 inline bulk.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`;
      }
      execFileSync('git', ['fast-import', '--quiet'], {
        cwd: dir,
        env: gitTestEnv,
        input: stream,
        stdio: 'pipe',
      });
      runGit(dir, ['reset', '--quiet', '--hard', branch]);
      return repo.head();
    },
    head: () => runGit(dir, ['rev-parse', 'HEAD']),
    branch: (name) => void runGit(dir, ['checkout', '--quiet', '-b', name]),
    checkout: (ref) => void runGit(dir, ['checkout', '--quiet', ref]),
    detach: () => void runGit(dir, ['checkout', '--quiet', '--detach', 'HEAD']),
    addRemote: (name, url) => void runGit(dir, ['remote', 'add', name, url]),
  };
  return repo;
}

/** A new repository in `dir` (created if missing) on branch `main`, with one commit unless `empty`. */
export function initGitRepo(dir: string, options: { empty?: boolean } = {}): GitRepo {
  mkdirSync(dir, { recursive: true });
  runGit(dir, ['init', '--quiet', '--initial-branch=main']);
  const repo = wrap(dir);
  if (!options.empty) repo.commit('initial commit');
  return repo;
}

/** A bare copy of `source` with all its branches, at `dir`; returns its `file://` URL, which honours `--depth`. */
export function createBareRemote(source: GitRepo, dir: string): string {
  mkdirSync(dirname(dir), { recursive: true });
  execFileSync('git', ['clone', '--quiet', '--bare', source.dir, dir], { env: gitTestEnv, stdio: 'pipe' });
  return pathToFileURL(dir).href;
}

/** Pushes every branch of `repo` to `remote`. */
export function pushAll(repo: GitRepo, remote: string): void {
  runGit(repo.dir, ['push', '--quiet', '--force', remote, 'refs/heads/*:refs/heads/*']);
}

export interface CloneOptions {
  depth?: number;
  branch?: string;
  /** Name of the remote in the clone (git's default is `origin`). */
  origin?: string;
}

/** Clones `url` into `dir` like a CI checkout: optionally shallow (`--depth`, single branch). */
export function cloneRepo(url: string, dir: string, options: CloneOptions = {}): GitRepo {
  mkdirSync(dirname(dir), { recursive: true });
  const args = ['clone', '--quiet'];
  if (options.depth !== undefined) args.push(`--depth=${options.depth}`);
  if (options.branch !== undefined) args.push('--branch', options.branch);
  if (options.origin !== undefined) args.push('--origin', options.origin);
  execFileSync('git', [...args, url, dir], { env: gitTestEnv, stdio: 'pipe' });
  return wrap(dir);
}

/** Opens an existing working repository. */
export function openGitRepo(dir: string): GitRepo {
  return wrap(dir);
}
