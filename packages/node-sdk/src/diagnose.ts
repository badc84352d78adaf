import {
  type ConnectionOptions,
  collectConnection,
  type DoctorProblem,
  type DoctorReport,
  describeProblem,
  describeSettings,
  gatherDoctorReport,
  type OptionSpelling,
  type Setting,
  type SnapshotsError,
  spellOptionError,
  type VcsContext,
} from '@sentry-snapshots/core';
import { createSdkWorld, sdkSpelling, type WorldOptions } from './sdk-world.js';

export interface DiagnoseOptions extends ConnectionOptions, WorldOptions {
  /** Extra headers on every Sentry API request. */
  headers?: Record<string, string>;
  /** Explicit VCS fields, as an upload would be given them. */
  vcs?: Partial<VcsContext>;
  /** `auto` (default): read git and CI only in CI; `force`: always; `off`: never. */
  gitMetadata?: 'auto' | 'force' | 'off';
  /** A proxy from configuration, taken when no proxy variable is set. */
  proxyUrl?: string;
  /** Problems found before the call (the CLI's bad flags), reported with the rest. */
  problems?: SnapshotsError[];
  /** How problems name the options they are about; the SDK's option names by default. */
  spelling?: OptionSpelling;
}

export interface Diagnosis extends DoctorReport {
  /** Every option that is set, given or from its variable (secrets masked). */
  settings: Setting[];
  /** Missing or conflicting settings (no token, no org…), as an upload would report them. */
  problems: DoctorProblem[];
}

/**
 * What an upload with these options would use, and whether it would work: the CI, every VCS
 * field and its source, git depth and merge-base, proxies, and whether the token reaches the org
 * and project. Every problem is reported in the answer; nothing is thrown for one.
 */
export async function diagnose(options: DiagnoseOptions): Promise<Diagnosis> {
  const world = createSdkWorld(options);
  const spelling = options.spelling ?? sdkSpelling;
  const problems = [...(options.problems ?? [])];
  const sentry = collectConnection(options, world.env, {}, problems);
  const report = await gatherDoctorReport(
    {
      vcs: { explicit: options.vcs ?? {}, mode: options.gitMetadata ?? 'auto' },
      sentry: { ...sentry, ...(options.headers ? { headers: options.headers } : {}) },
      ...(options.proxyUrl ? { proxyUrl: options.proxyUrl } : {}),
      spelling,
    },
    world,
  );
  const given = {
    authToken: options.authToken,
    org: options.org,
    project: options.project,
    url: options.url,
    headers: options.headers,
    ...options.vcs,
    gitMetadata: options.gitMetadata,
    httpTimeout: options.httpTimeoutMs,
  };
  return {
    ...report,
    settings: describeSettings(given, world.env),
    problems: problems.map((problem) => describeProblem(spellOptionError(problem, spelling))),
  };
}
