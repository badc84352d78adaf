import { vcsOptionKeys } from '@sentry-snapshots/core/options';
import { type Command, Option } from 'commander';
import { addTableOptions } from './table-options.js';

/** The VCS options `upload` sends and `doctor` explains, as commander hands them over. */
export interface VcsFlags {
  headSha?: string;
  baseSha?: string;
  provider?: string;
  headRepoName?: string;
  baseRepoName?: string;
  headRef?: string;
  baseRef?: string;
  prNumber?: string;
  forceGitMetadata?: boolean;
  /** False with `--no-git-metadata` (sentry-cli's switch; the table's `gitMetadata` is the mode). */
  gitMetadata?: boolean;
}

/** The VCS fields, and sentry-cli's two switches for when git and CI are read. */
export function addVcsOptions(command: Command): Command {
  return addTableOptions(command, vcsOptionKeys)
    .addOption(
      new Option('--force-git-metadata', 'Collect git metadata even outside CI.').conflicts('gitMetadata'),
    )
    .option('--no-git-metadata', 'Do not collect or send git metadata.');
}

/** When git and CI are read: `--no-git-metadata` never, `--force-git-metadata` always, else in CI. */
export function gitMetadataMode(
  flags: Pick<VcsFlags, 'forceGitMetadata' | 'gitMetadata'>,
): 'auto' | 'force' | 'off' {
  return flags.gitMetadata === false ? 'off' : flags.forceGitMetadata ? 'force' : 'auto';
}
