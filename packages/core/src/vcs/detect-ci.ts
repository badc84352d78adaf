import { vcsFields } from '../schemas/vcs-context.js';
import type { Env } from '../world.js';
import { ciProviders } from './ci/registry.js';
import type { CiEnvironment } from './ci-environment.js';

/** The CI this process runs in, with every VCS field it exposes; `undefined` outside CI. */
export function detectCi(env: Env): CiEnvironment | undefined {
  const provider = ciProviders.find((candidate) => candidate.detect(env));
  if (provider === undefined) return undefined;
  const reading = provider.read(env);
  const ci: CiEnvironment = {
    id: provider.id,
    name: provider.name,
    sources: {},
    warnings: reading.warnings ?? [],
    shallowCloneFix: provider.shallowCloneFix,
  };
  for (const field of vcsFields) {
    const found = reading[field];
    if (found === undefined) continue;
    (ci as unknown as Record<string, unknown>)[field] = found.value;
    ci.sources[field] = found.source;
  }
  for (const key of ['mergeCommitSha', 'runId', 'runUrl', 'eventName'] as const) {
    if (reading[key] !== undefined) ci[key] = reading[key];
  }
  if (reading.defaultBranch !== undefined) {
    ci.defaultBranch = reading.defaultBranch.value;
    ci.defaultBranchSource = reading.defaultBranch.source;
  }
  return ci;
}
