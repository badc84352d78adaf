import { isSnapshotsError } from '../errors.js';
import { createSentryClient } from '../http/sentry-client.js';
import { type OptionSpelling, spellOptionError } from '../options/spell-option-error.js';
import { type VcsContext, type VcsField, vcsFields } from '../schemas/vcs-context.js';
import type { CiEnvironment } from '../vcs/ci-environment.js';
import { detectCi } from '../vcs/detect-ci.js';
import {
  type GitMetadataMode,
  resolveVcsContext,
  type VcsGitFacts,
  type VcsResolutionOptions,
} from '../vcs/resolve-vcs-context.js';
import type { World } from '../world.js';
import { describeProxy, type ProxySettings } from './describe-proxy.js';
import { maskToken } from './mask-token.js';

export interface DoctorOptions {
  vcs?: VcsResolutionOptions;
  sentry: {
    url: string;
    authToken?: string;
    org?: string;
    project?: string;
    headers?: Record<string, string>;
  };
  /** A proxy from configuration, taken when no proxy variable is set (sentry-cli's `[http] proxy_url`). */
  proxyUrl?: string;
  /** How the problems found name the options they are about; as core words them when absent. */
  spelling?: OptionSpelling;
}

export interface DoctorProblem {
  code: string;
  message: string;
  hint?: string;
  status?: number;
  /** The option it is about (its key in the option table). */
  option?: string;
}

export interface DoctorCheck {
  status: 'ok' | 'failed' | 'skipped';
  detail: string;
  error?: DoctorProblem;
}

export interface DoctorReport {
  ci: Pick<CiEnvironment, 'id' | 'name' | 'eventName' | 'runId' | 'runUrl'> | null;
  vcs: {
    mode: GitMetadataMode;
    /** Every field, set or not, with where its value came from. */
    fields: Record<VcsField, { value: string | number; source: string } | null>;
    warnings: string[];
    /** Set when these fields would make the upload fail (a PR number without a base…). */
    error?: DoctorProblem;
  };
  git: VcsGitFacts;
  proxy: ProxySettings;
  sentry: { url: string; org?: string; project?: string; authToken?: string };
  access: { organization: DoctorCheck; project: DoctorCheck };
}

/**
 * What a user pastes into a bug report: the CI, the VCS fields and their sources, git depth and
 * merge-base, proxies, and whether the token reaches the organization and project. Problems are
 * reported in the answer, never thrown.
 */
export async function gatherDoctorReport(options: DoctorOptions, world: World): Promise<DoctorReport> {
  const mode = options.vcs?.mode ?? 'auto';
  const describe = (error: unknown) =>
    describeProblem(options.spelling ? spellOptionError(error, options.spelling) : error);
  const [vcs, access] = await Promise.all([
    gatherVcs({ ...options.vcs, mode }, world, describe),
    checkAccess(options.sentry, world, describe),
  ]);
  const { url, authToken, org, project } = options.sentry;
  return {
    ...vcs,
    proxy: describeProxy(world.env, url, options.proxyUrl),
    sentry: {
      url,
      ...(org === undefined ? {} : { org }),
      ...(project === undefined ? {} : { project }),
      ...(authToken === undefined ? {} : { authToken: maskToken(authToken) }),
    },
    access,
  };
}

type Describe = (error: unknown) => DoctorProblem;

async function gatherVcs(
  options: VcsResolutionOptions & { mode: GitMetadataMode },
  world: World,
  describeError: Describe,
): Promise<Pick<DoctorReport, 'ci' | 'vcs' | 'git'>> {
  const describeCi = (ci: CiEnvironment | undefined): DoctorReport['ci'] =>
    ci
      ? {
          id: ci.id,
          name: ci.name,
          ...(ci.eventName === undefined ? {} : { eventName: ci.eventName }),
          ...(ci.runId === undefined ? {} : { runId: ci.runId }),
          ...(ci.runUrl === undefined ? {} : { runUrl: ci.runUrl }),
        }
      : null;
  try {
    const resolution = await resolveVcsContext(options, world);
    return {
      ci: describeCi(resolution.ci),
      vcs: {
        mode: options.mode,
        fields: describeFields(resolution.context, resolution.sources),
        warnings: resolution.warnings,
      },
      git: resolution.git,
    };
  } catch (error) {
    // A rejected context still has fields worth showing; the resolver puts them in the error.
    const details = (isSnapshotsError(error) ? error.details : undefined) ?? {};
    const context = (details.context ?? {}) as VcsContext;
    const sources = (details.sources ?? {}) as Partial<Record<VcsField, string>>;
    return {
      ci: describeCi(detectCi(world.env)),
      vcs: {
        mode: options.mode,
        fields: describeFields(context, sources),
        warnings: (details.warnings ?? []) as string[],
        error: describeError(error),
      },
      git: (details.git ?? {}) as VcsGitFacts,
    };
  }
}

function describeFields(
  context: VcsContext,
  sources: Partial<Record<VcsField, string>>,
): DoctorReport['vcs']['fields'] {
  const fields = {} as DoctorReport['vcs']['fields'];
  for (const field of vcsFields) {
    const value = context[field];
    fields[field] = value === undefined ? null : { value, source: sources[field] ?? 'unknown' };
  }
  return fields;
}

async function checkAccess(
  sentry: DoctorOptions['sentry'],
  world: World,
  describeError: Describe,
): Promise<DoctorReport['access']> {
  const { authToken, org, project } = sentry;
  if (authToken === undefined) {
    const skipped: DoctorCheck = { status: 'skipped', detail: 'no auth token' };
    return { organization: skipped, project: skipped };
  }
  const client = createSentryClient(
    { url: sentry.url, authToken, maxRetries: 1, ...(sentry.headers ? { headers: sentry.headers } : {}) },
    world,
  );
  if (org === undefined) {
    const skipped: DoctorCheck = { status: 'skipped', detail: 'no organization' };
    return { organization: skipped, project: skipped };
  }
  const organization = await client.getOrganization(org).then(
    (found): DoctorCheck => ({ status: 'ok', detail: `${found.slug} (id ${found.id})` }),
    (error: unknown): DoctorCheck => ({
      status: 'failed',
      detail: errorMessage(error),
      error: describeError(error),
    }),
  );
  if (project === undefined) {
    return { organization, project: { status: 'skipped', detail: 'no project' } };
  }
  const projectCheck = await client.getUploadOptions(org, project).then(
    (store): DoctorCheck => ({
      status: 'ok',
      detail: `can upload: object store ${store.url} (usecase ${store.usecase})`,
    }),
    (error: unknown): DoctorCheck => ({
      status: 'failed',
      detail: errorMessage(error),
      error: describeError(error),
    }),
  );
  return { organization, project: projectCheck };
}

/** A problem as the report shows it: an error's code, message, hint and the option it is about. */
export function describeProblem(error: unknown): DoctorProblem {
  if (isSnapshotsError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.option === undefined ? {} : { option: error.option }),
    };
  }
  return { code: 'UNEXPECTED', message: errorMessage(error) };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
