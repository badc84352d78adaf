import type { ConnectionFlags } from './connection-options.js';
import type { VcsFlags } from './vcs-options.js';

/** The options of `upload`, global ones included, as commander hands them over (strings as typed). */
export interface UploadFlags extends ConnectionFlags, VcsFlags {
  appId?: string;
  diffThreshold?: string;
  selective?: boolean;
  allImageFileNames?: string;
  allImageFileNamesFile?: string;
  json?: boolean;
  dryRun?: boolean;
  strict?: boolean;
  concurrency?: string;
  wait?: boolean;
  waitTimeout?: string;
  uploadTimeout?: string;
  failOnChanges?: boolean;
  requireBase?: boolean;
  prefix?: string;
  shardOut?: string;
}
