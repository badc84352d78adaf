import type { SnapshotsError } from '@sentry-snapshots/core';

const outageCodes = new Set<string>([
  'NETWORK_ERROR',
  'TIMEOUT',
  'RATE_LIMITED',
  'SERVER_ERROR',
  'INVALID_RESPONSE',
  'OBJECT_STORE_ERROR',
  'COMPARISON_FAILED',
  'WAIT_TIMEOUT',
]);

/**
 * Whether `fail-on-error: false` may turn this error into a warning: trouble on Sentry's side or
 * on the way to it. A bad input, a refused token or changes found always fail the step.
 */
export function isOutage(error: SnapshotsError): boolean {
  if (outageCodes.has(error.code)) return true;
  return error.code === 'API_ERROR' && (error.status === undefined || error.status >= 500);
}
