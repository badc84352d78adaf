import { SnapshotsError } from '../errors.js';
import { optionTable } from '../options/option-table.js';
import { type VcsContext, type VcsField, vcsFields } from '../schemas/vcs-context.js';
import type { Env } from '../world.js';

/** The environment variable that overrides each VCS field, as the option table names it. */
export const vcsEnvVars = Object.fromEntries(vcsFields.map((field) => [field, optionTable[field].env])) as {
  [F in VcsField]: (typeof optionTable)[F]['env'];
};

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
