import type { SnapshotsError } from '@sentry-snapshots/core';
import { type InputName, inputNames } from './action-inputs.js';

/** Hints written for the CLI and the SDK together, said again for a workflow. */
const actionHints: Partial<Record<string, string>> = {
  MISSING_ORG:
    'Set the "org" input, or SENTRY_ORG in the step env; an org auth token (sntrys_…) names its organization.',
  MISSING_PROJECT: 'Set the "project" input, or SENTRY_PROJECT in the step env.',
};

/**
 * The error's hint in the words of a workflow: every flag that is also an input (they share their
 * kebab-case names by design) becomes that input.
 */
export function actionHint(error: SnapshotsError): string | undefined {
  return (
    actionHints[error.code] ??
    error.hint?.replace(/(?:-[a-z]\/)?--([a-z][a-z-]*)/g, (flag, name: string) =>
      inputNames.includes(name as InputName) ? `the "${name}" input` : flag,
    )
  );
}
