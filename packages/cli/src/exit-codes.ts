import { type ErrorFamily, isSnapshotsError } from '@sentry-snapshots/core';

/** The documented exit codes (README "Exit codes"), in decades by family. */
export const exitCodes = {
  ok: 0,
  general: 1,
  usage: 10,
  config: 11,
  input: 20,
  auth: 30,
  notFound: 31,
  api: 40,
  network: 41,
  changesDetected: 50,
  comparisonFailed: 51,
  baseNotFound: 52,
  aborted: 130,
} as const;

const codeByFamily: Record<ErrorFamily, number> = {
  usage: exitCodes.usage,
  config: exitCodes.config,
  input: exitCodes.input,
  auth: exitCodes.auth,
  notFound: exitCodes.notFound,
  api: exitCodes.api,
  network: exitCodes.network,
  git: exitCodes.general,
  comparison: exitCodes.comparisonFailed,
  aborted: exitCodes.aborted,
};

/** Only the CLI turns errors into exit codes; core and the SDK know families, not numbers. */
export function exitCodeFor(error: unknown): number {
  if (!isSnapshotsError(error)) return exitCodes.general;
  if (error.code === 'CHANGES_DETECTED') return exitCodes.changesDetected;
  if (error.code === 'BASE_NOT_FOUND') return exitCodes.baseNotFound;
  return codeByFamily[error.family] ?? exitCodes.general;
}
