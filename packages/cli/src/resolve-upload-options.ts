import { CreateSnapshotRequestSchema, SnapshotsError, type VcsContext } from '@sentry-snapshots/core';
import type { UploadSnapshotsOptions } from '@sentry-snapshots/node';
import { parseSeconds } from './parse-seconds.js';
import { resolveHeaders } from './resolve-cli-connection.js';
import type { UploadFlags } from './upload-flags.js';
import { gitMetadataMode } from './vcs-options.js';

type FlagOptions = Omit<UploadSnapshotsOptions, 'path' | 'appId' | 'allImageFileNames'> & { appId?: string };

const fields = CreateSnapshotRequestSchema.shape;

/**
 * Turns the flags into SDK options, checking each value with the server's own rule and message
 * so that a bad flag fails before any work, with the message Sentry would have given.
 */
export function resolveUploadOptions(
  flags: UploadFlags,
  env: Record<string, string | undefined>,
): FlagOptions {
  const headers = resolveHeaders(flags, env);
  const vcs: Partial<VcsContext> = {};
  const set = <K extends keyof VcsContext>(key: K, value: VcsContext[K] | undefined) => {
    if (value !== undefined) vcs[key] = value;
  };
  set('headSha', checked('--head-sha', fields.head_sha, flags.headSha));
  set('baseSha', checked('--base-sha', fields.base_sha, flags.baseSha));
  set('provider', checked('--vcs-provider', fields.provider, flags.vcsProvider));
  set('headRepoName', checked('--head-repo-name', fields.head_repo_name, flags.headRepoName));
  set('baseRepoName', checked('--base-repo-name', fields.base_repo_name, flags.baseRepoName));
  set('headRef', checked('--head-ref', fields.head_ref, flags.headRef));
  set('baseRef', checked('--base-ref', fields.base_ref, flags.baseRef));
  set('prNumber', checked('--pr-number', fields.pr_number, number(flags.prNumber)));
  const diffThreshold = checked('--diff-threshold', fields.diff_threshold, number(flags.diffThreshold));
  const concurrency = positiveInteger('--concurrency', flags.concurrency);
  const timeoutMs = uploadTimeout(flags, env);
  return {
    ...defined({
      org: flags.org,
      project: flags.project,
      appId: flags.appId,
      authToken: flags.authToken,
      url: flags.url,
      diffThreshold,
      concurrency,
      timeoutMs,
    }),
    ...(headers ? { headers } : {}),
    ...(flags.selective ? { selective: true } : {}),
    ...(Object.keys(vcs).length > 0 ? { vcs } : {}),
    gitMetadata: gitMetadataMode(flags),
    ...(flags.dryRun ? { dryRun: true } : {}),
  };
}

interface FieldSchema {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: { message: string }[] } };
}

function checked<T>(flag: string, schema: FieldSchema, value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return value;
  const message = result.error.issues[0]?.message ?? 'invalid value';
  throw new SnapshotsError('INVALID_OPTION', `Invalid ${flag} "${String(value)}": ${message}`, {
    hint: `Fix the value of ${flag}; see \`sentry-snapshots upload --help\`.`,
    details: { flag, value },
  });
}

/** A typed-in number; text that is not one becomes NaN, which the schemas refuse with their message. */
function number(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return value.trim() === '' ? Number.NaN : Number(value);
}

function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = number(value);
  if (parsed !== undefined && Number.isInteger(parsed) && parsed >= 1) return parsed;
  throw new SnapshotsError(
    'INVALID_OPTION',
    `Invalid ${flag} "${value}": expected a whole number of at least 1.`,
    {
      hint: `Pass e.g. ${flag} 8.`,
      details: { flag, value },
    },
  );
}

/** `--upload-timeout`, else `SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT`, in seconds; unset or 0 means no limit. */
function uploadTimeout(flags: UploadFlags, env: Record<string, string | undefined>): number | undefined {
  const [name, value] =
    flags.uploadTimeout === undefined
      ? ['SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT', env.SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT]
      : ['--upload-timeout', flags.uploadTimeout];
  if (value === undefined || (value.trim() === '' && flags.uploadTimeout === undefined)) return undefined;
  const ms = parseSeconds(name, value, '900');
  return ms === 0 ? undefined : ms;
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
