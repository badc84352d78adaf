import type { ConnectionFlags } from './connection-options.js';

/** The options of `finalize`, global ones included, as commander hands them over. */
export interface FinalizeFlags extends ConnectionFlags {
  appId?: string;
  expectShards?: string;
  allImageFileNames?: string;
  allImageFileNamesFile?: string;
  concurrency?: string;
  uploadTimeout?: string;
  json?: boolean;
  wait?: boolean;
  waitTimeout?: string;
  failOnChanges?: boolean;
  requireBase?: boolean;
}
