export type { CiEnvironment } from './ci-environment.js';
export { detectCi } from './detect-ci.js';
export { parseRemoteUrl, type RemoteRepository } from './parse-remote-url.js';
export {
  type GitMetadataMode,
  resolveVcsContext,
  type VcsGitFacts,
  type VcsResolution,
  type VcsResolutionOptions,
} from './resolve-vcs-context.js';
export { readVcsEnvOverrides, vcsEnvVars } from './vcs-env-overrides.js';
export { providerForHost } from './vcs-provider.js';
