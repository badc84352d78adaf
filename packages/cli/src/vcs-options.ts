import { type Command, Option } from 'commander';

/** The VCS options `upload` sends and `doctor` explains, as commander hands them over. */
export interface VcsFlags {
  headSha?: string;
  baseSha?: string;
  vcsProvider?: string;
  headRepoName?: string;
  baseRepoName?: string;
  headRef?: string;
  baseRef?: string;
  prNumber?: string;
  forceGitMetadata?: boolean;
  /** False with `--no-git-metadata`. */
  gitMetadata?: boolean;
}

export function addVcsOptions(command: Command): Command {
  return command
    .option('--head-sha <head_sha>', 'The commit sha of this build (default: from CI or git).')
    .option('--base-sha <base_sha>', 'The commit sha to compare with (default: the merge-base).')
    .option('--vcs-provider <vcs_provider>', 'The VCS provider, e.g. github (default: from the remote).')
    .option('--head-repo-name <head_repo_name>', 'The repository of this build, e.g. owner/repo.')
    .option('--base-repo-name <base_repo_name>', 'The repository of the base build, e.g. owner/repo.')
    .option('--head-ref <head_ref>', 'The branch of this build.')
    .option('--base-ref <base_ref>', 'The branch of the base build.')
    .option('--pr-number <pr_number>', 'The pull request number.')
    .addOption(
      new Option('--force-git-metadata', 'Collect git metadata even outside CI.').conflicts('gitMetadata'),
    )
    .option('--no-git-metadata', 'Do not collect or send git metadata.');
}

/** When git and CI are read: `--no-git-metadata` never, `--force-git-metadata` always, else in CI. */
export function gitMetadataMode(flags: VcsFlags): 'auto' | 'force' | 'off' {
  return flags.gitMetadata === false ? 'off' : flags.forceGitMetadata ? 'force' : 'auto';
}
