import { SnapshotsError } from '../errors.js';
import type { Env } from '../world.js';
import { parseOrgAuthToken } from './org-auth-token.js';

export const DEFAULT_SENTRY_URL = 'https://sentry.io/';

/** Where and as whom to upload; every field may come from the caller, the env or the token. */
export interface ConnectionOptions {
  authToken?: string | undefined;
  org?: string | undefined;
  project?: string | undefined;
  url?: string | undefined;
}

export interface Connection {
  /** Absent only when the caller allowed it (a dry run, which then checks nothing remotely). */
  authToken?: string;
  org: string;
  project: string;
  url: string;
}

/** A connection for reading: snapshots are read by organization, so the project may be absent. */
export type ReadConnection = Omit<Connection, 'project'> & { project?: string };

export interface ResolveConnectionRules {
  /** A dry run may go without a token. */
  tokenOptional?: boolean;
  /** False for reading (status, download), where a project only narrows a search. Default true. */
  requireProject?: boolean;
}

/**
 * Fills the connection from options, then `SENTRY_*` env vars, then an org auth token's payload,
 * with the rules of `sentry-cli`: the token's org and URL apply when none is given, and a
 * different explicit value is an error rather than a silent 401 later.
 */
export function resolveConnection(
  options: ConnectionOptions,
  env: Env,
  rules?: ResolveConnectionRules & { requireProject?: true },
): Connection;
export function resolveConnection(
  options: ConnectionOptions,
  env: Env,
  rules: ResolveConnectionRules,
): ReadConnection;
export function resolveConnection(
  options: ConnectionOptions,
  env: Env,
  rules: ResolveConnectionRules = {},
): ReadConnection {
  const problems: SnapshotsError[] = [];
  const connection = collectConnection(options, env, rules, problems);
  if (problems[0] !== undefined) throw problems[0];
  return connection as ReadConnection;
}

/**
 * `resolveConnection` that goes on past a problem, for doctor: each one is added to `problems`,
 * and what could be resolved is returned.
 */
export function collectConnection(
  options: ConnectionOptions,
  env: Env,
  { tokenOptional = false, requireProject = true }: ResolveConnectionRules,
  problems: SnapshotsError[],
): Partial<Connection> & { url: string } {
  const authToken = pick(options.authToken, env.SENTRY_AUTH_TOKEN);
  if (authToken === undefined && !tokenOptional) {
    problems.push(
      new SnapshotsError('MISSING_AUTH_TOKEN', 'No Sentry auth token was given.', {
        option: 'authToken',
        hint: 'Create an org auth token in Sentry under Settings > Auth Tokens.',
      }),
    );
  }
  const token = authToken === undefined ? undefined : parseOrgAuthToken(authToken);
  const org = pick(options.org, env.SENTRY_ORG) ?? token?.org;
  if (org === undefined) {
    problems.push(
      new SnapshotsError('MISSING_ORG', 'No Sentry organization was given.', {
        option: 'org',
        hint: 'An org auth token (sntrys_…) names its organization, so with one it may be left out.',
      }),
    );
  }
  if (token !== undefined && org !== undefined && org !== token.org) {
    problems.push(
      new SnapshotsError(
        'CONFLICTING_CONFIG',
        `The auth token belongs to organization "${token.org}", but the organization given is "${org}".`,
        {
          option: 'org',
          hint: `Leave the organization out (the token names it), or use a token of organization "${org}".`,
        },
      ),
    );
  }
  const project = pick(options.project, env.SENTRY_PROJECT);
  if (project === undefined && requireProject) {
    problems.push(
      new SnapshotsError('MISSING_PROJECT', 'No Sentry project was given.', { option: 'project' }),
    );
  }
  const given = pick(options.url, env.SENTRY_URL);
  let url = given ?? DEFAULT_SENTRY_URL;
  try {
    url = resolveUrl(given, token);
  } catch (error) {
    problems.push(error as SnapshotsError);
  }
  return {
    ...(authToken === undefined ? {} : { authToken }),
    ...(org === undefined ? {} : { org }),
    ...(project === undefined ? {} : { project }),
    url,
  };
}

function resolveUrl(given: string | undefined, token: ReturnType<typeof parseOrgAuthToken>): string {
  // Old tokens lack `url`; their region URL still reaches the organization's API.
  const fromToken = token?.url ?? token?.regionUrl;
  if (fromToken === undefined) return given ?? DEFAULT_SENTRY_URL;
  if (given === undefined || sameUrl(given, DEFAULT_SENTRY_URL) || sameUrl(given, fromToken))
    return fromToken;
  throw new SnapshotsError(
    'CONFLICTING_CONFIG',
    `The auth token was made for ${fromToken}, but the Sentry URL given is ${given}.`,
    {
      option: 'url',
      hint: 'Leave the URL out (the token names its server), or use a token made on that server.',
    },
  );
}

function pick(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value.trim() !== '')?.trim();
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
