import { execFile } from 'node:child_process';
import type { World } from '../world.js';

/** What running git needs of the world: where, with which environment, and where to log. */
export type GitWorld = Pick<World, 'cwd' | 'env' | 'signal' | 'logger'>;

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export interface RunGitOptions {
  /** Kills git after this long; set on commands that reach a remote, so a stalled network cannot hang an upload. */
  timeoutMs?: number;
}

/** How long a fetch or ls-remote may take before the base is given up on. */
export const gitNetworkTimeoutMs = 60_000;

/**
 * Runs `git` in the world's folder with the world's environment. Failure is an answer, not an
 * exception: most questions asked of git (is this a repo? is there a merge-base?) may answer no.
 */
export function runGit(args: string[], world: GitWorld, options: RunGitOptions = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      {
        cwd: world.cwd,
        // Never prompt for credentials: a fetch that needs them fails instead of hanging the upload.
        env: { ...world.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', LC_ALL: 'C' },
        signal: world.signal,
        timeout: options.timeoutMs ?? 0,
        maxBuffer: 16 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        const result = { ok: error === null, stdout: stdout.trim(), stderr: stderr.trim() };
        world.logger.debug(`git ${args.join(' ')}`, {
          ok: result.ok,
          ...(result.ok || !result.stderr ? {} : { stderr: result.stderr }),
        });
        resolve(result);
      },
    );
  });
}
