import type { LogLevel } from './log-level.js';

/** The options of `upload`, global ones included, as commander hands them over (strings as typed). */
export interface UploadFlags {
  org?: string;
  project?: string;
  appId?: string;
  authToken?: string;
  url?: string;
  header?: string[];
  logLevel?: LogLevel;
  quiet?: boolean;
  silent?: boolean;
  diffThreshold?: string;
  selective?: boolean;
  allImageFileNames?: string;
  allImageFileNamesFile?: string;
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
  json?: boolean;
  dryRun?: boolean;
  concurrency?: string;
}
