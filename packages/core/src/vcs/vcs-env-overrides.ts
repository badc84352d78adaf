import { SnapshotsError } from '../errors.js';
import type { VcsContext, VcsField } from '../schemas/vcs-context.js';
import type { Env } from '../world.js';

/** The environment variable that overrides each VCS field, next to its flag. */
export const vcsEnvVars = {
  headSha: 'SENTRY_SNAPSHOTS_HEAD_SHA',
  baseSha: 'SENTRY_SNAPSHOTS_BASE_SHA',
  provider: 'SENTRY_SNAPSHOTS_VCS_PROVIDER',
  headRepoName: 'SENTRY_SNAPSHOTS_HEAD_REPO_NAME',
  baseRepoName: 'SENTRY_SNAPSHOTS_BASE_REPO_NAME',
  headRef: 'SENTRY_SNAPSHOTS_HEAD_REF',
  baseRef: 'SENTRY_SNAPSHOTS_BASE_REF',
  prNumber: 'SENTRY_SNAPSHOTS_PR_NUMBER',
} as const satisfies Record<VcsField, string>;

/** The VCS fields set through `SENTRY_SNAPSHOTS_*` variables; empty variables count as unset. */
export function readVcsEnvOverrides(env: Env): Partial<VcsContext> {
  const overrides: Partial<VcsContext> = {};
  for (const [field, name] of Object.entries(vcsEnvVars) as [VcsField, string][]) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (field === 'prNumber') {
      if (!/^\d+$/.test(value) || Number(value) < 1) {
        throw new SnapshotsError(
          'INVALID_VCS_CONTEXT',
          `${name} must be a positive integer, got "${value}".`,
          {
            hint: `Set ${name} to the pull request number, or unset it.`,
          },
        );
      }
      overrides.prNumber = Number(value);
    } else {
      overrides[field] = value;
    }
  }
  return overrides;
}
