import type { Env } from '../../world.js';
import { parseRemoteUrl } from '../parse-remote-url.js';
import type { Sourced } from './ci-provider.js';

const fullShaPattern = /^[0-9a-f]{40}$/;

/** A trimmed, non-empty value; CI systems often export unset variables as `""`. */
export function readEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** The first of `names` that is set. */
export function envString(env: Env, ...names: string[]): Sourced<string> | undefined {
  for (const name of names) {
    const value = readEnv(env, name);
    if (value !== undefined) return { value, source: `env ${name}` };
  }
  return undefined;
}

/** The first of `names` that holds a full commit SHA; short or symbolic values (`HEAD`) are skipped. */
export function envSha(env: Env, ...names: string[]): Sourced<string> | undefined {
  for (const name of names) {
    const value = readEnv(env, name)?.toLowerCase();
    if (value !== undefined && fullShaPattern.test(value)) return { value, source: `env ${name}` };
  }
  return undefined;
}

/** A branch name without its `refs/heads/` prefix. */
export function envBranch(env: Env, ...names: string[]): Sourced<string> | undefined {
  const found = envString(env, ...names);
  return found && { ...found, value: stripBranchPrefix(found.value) };
}

/** The first of `names` that holds a positive integer (`false`, `0` and `""` mean "not a pull request"). */
export function envPositiveInt(env: Env, ...names: string[]): Sourced<number> | undefined {
  for (const name of names) {
    const value = readEnv(env, name);
    if (value !== undefined && /^\d+$/.test(value) && Number(value) >= 1) {
      return { value: Number(value), source: `env ${name}` };
    }
  }
  return undefined;
}

/** `owner/repo` from a variable that holds a clone URL. */
export function envRepoFromUrl(env: Env, ...names: string[]): Sourced<string> | undefined {
  for (const name of names) {
    const url = readEnv(env, name);
    const repoName = url === undefined ? undefined : parseRemoteUrl(url)?.repoName;
    if (repoName !== undefined) return { value: repoName, source: `env ${name}` };
  }
  return undefined;
}

/** The VCS provider of the host in a variable that holds a clone or web URL. */
export function envProviderFromUrl(env: Env, ...names: string[]): Sourced<string> | undefined {
  for (const name of names) {
    const url = readEnv(env, name);
    const provider = url === undefined ? undefined : parseRemoteUrl(url)?.provider;
    if (provider !== undefined) return { value: provider, source: `env ${name}` };
  }
  return undefined;
}

export function isFullSha(value: string): boolean {
  return fullShaPattern.test(value);
}

export function stripBranchPrefix(ref: string): string {
  return ref.replace(/^refs\/heads\//, '');
}

export function isTruthyFlag(value: string | undefined): boolean {
  return value !== undefined && value !== '' && !/^(false|0|no)$/i.test(value);
}
