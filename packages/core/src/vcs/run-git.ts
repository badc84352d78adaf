import { execFile } from 'node:child_process';
import type { World } from '../world.js';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Runs `git` in the world's folder with the world's environment. Failure is an answer, not an
 * exception: most questions asked of git (is this a repo? is there a merge-base?) may answer no.
 */
export function runGit(args: string[], world: Pick<World, 'cwd' | 'env' | 'signal'>): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      {
        cwd: world.cwd,
        // Never prompt for credentials: a fetch that needs them fails instead of hanging the upload.
        env: { ...world.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', LC_ALL: 'C' },
        signal: world.signal,
        maxBuffer: 16 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        resolve({ ok: error === null, stdout: stdout.trim(), stderr: stderr.trim() });
      },
    );
  });
}
