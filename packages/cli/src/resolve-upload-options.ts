import { decodeOptions, type VcsContext, vcsFields } from '@sentry-snapshots/core';
import type { UploadSnapshotsOptions } from '@sentry-snapshots/node';
import { resolveHeaders } from './resolve-cli-connection.js';
import type { UploadFlags } from './upload-flags.js';
import { gitMetadataMode } from './vcs-options.js';

type FlagOptions = Omit<UploadSnapshotsOptions, 'path' | 'appId'> & { appId?: string };

const uploadOptionKeys = [
  'org',
  'project',
  'authToken',
  'url',
  'appId',
  'diffThreshold',
  'selective',
  'allImageFileNames',
  'allImageFileNamesFile',
  'concurrency',
  'dryRun',
  'strict',
  'prefix',
  'shardOut',
] as const;

/**
 * Turns the flags into SDK options, each read and checked by the option table (with the server's
 * own rule and message where Sentry has one), so that a bad flag fails before any work.
 */
export function resolveUploadOptions(
  flags: UploadFlags,
  env: Record<string, string | undefined>,
): FlagOptions {
  const options = decodeOptions(uploadOptionKeys, flags);
  const { uploadTimeout } = decodeOptions(['uploadTimeout'], flags);
  const vcs: Partial<VcsContext> = decodeOptions(vcsFields, flags);
  const headers = resolveHeaders(flags, env);
  return {
    ...options,
    ...(headers ? { headers } : {}),
    ...(uploadTimeout === undefined ? {} : { uploadTimeoutMs: uploadTimeout }),
    ...(Object.keys(vcs).length > 0 ? { vcs } : {}),
    gitMetadata: gitMetadataMode(flags),
  };
}
