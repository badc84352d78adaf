import { z } from 'zod';
import { SnapshotsError } from '../errors.js';
import { invalidOptionMessage } from '../options/invalid-option-message.js';
import { shownValue } from './shown-value.js';

/** Sentry's ids are 64-bit integers: at most 20 digits. */
const DIGITS = /^[0-9]{1,20}$/;

/** Marks an issue whose message completes "Sentry's answer to the request to …". */
export const answerIssueParams = { answerIssue: true } as const;

/**
 * An id of Sentry's (artifact, project…): a string of digits, or a JSON number, which becomes its
 * digits. Anything else is refused, never coerced: an id goes into URLs, messages and paths.
 */
export function numericIdSchema(what: string) {
  return z
    .custom<string | number>(() => true)
    .transform((value, context) => {
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
      if (typeof value === 'string' && DIGITS.test(value)) return value;
      context.addIssue({
        code: 'custom',
        input: value,
        params: answerIssueParams,
        message:
          value === undefined ? `has no ${what}` : `has ${what} that is not a number: ${shownValue(value)}`,
      });
      return z.NEVER;
    });
}

export const ArtifactIdSchema = numericIdSchema('an artifact id');
export const ProjectIdSchema = numericIdSchema('a project id');

/**
 * An artifact id the user gave (an option such as `snapshotId`, or the CLI's `<artifact-id>`),
 * refused before any request.
 */
export function parseArtifactIdOption(value: string, option: string): string {
  if (DIGITS.test(value)) return value;
  const details = { option, reason: 'must be a snapshot artifact id (digits)', value };
  throw new SnapshotsError('INVALID_OPTION', invalidOptionMessage(option, details), {
    option,
    details,
    hint: 'Give the number that upload printed as the snapshot id, e.g. 12345.',
  });
}
