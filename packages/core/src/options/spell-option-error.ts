import { isSnapshotsError, SnapshotsError } from '../errors.js';
import { invalidOptionMessage } from './invalid-option-message.js';
import { type OptionKey, type OptionSpec, optionTable } from './option-table.js';

/** How one frontend names an option and tells how to set it. */
export interface OptionSpelling {
  /** `--app-id`, `input "app-id"`, `appId`; undefined where this frontend has no way to set it. */
  name(key: OptionKey, spec: OptionSpec): string | undefined;
  /** `Pass --app-id`, `Set the "app-id" input`, … without the final period. */
  howToSet(key: OptionKey, spec: OptionSpec): string | undefined;
}

/**
 * The error in a frontend's words: an error about an option names it as the user sets it there,
 * and its hint starts with how to set it. Other errors, and options the frontend lacks, pass as they are.
 */
export function spellOptionError(thrown: unknown, spelling: OptionSpelling): unknown {
  if (!isSnapshotsError(thrown)) return thrown;
  // An error the SDK spelled reaches the CLI and the action too: they spell the original.
  const error = thrown.unspelled ?? thrown;
  if (error.option === undefined || !(error.option in optionTable)) return thrown;
  const key = error.option as OptionKey;
  const spec: OptionSpec = optionTable[key];
  const name = spelling.name(key, spec);
  const howToSet = spelling.howToSet(key, spec);
  if (name === undefined && howToSet === undefined) return thrown;
  const reason = error.details?.reason;
  const message =
    error.code === 'INVALID_OPTION' && typeof reason === 'string' && name !== undefined
      ? invalidOptionMessage(name, { reason, value: error.details?.value })
      : error.message;
  const hint = [howToSet && `${howToSet}.`, error.hint].filter(Boolean).join(' ');
  return new SnapshotsError(error.code, message, {
    cause: error.cause,
    option: key,
    unspelled: error,
    ...(hint === '' ? {} : { hint }),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.details === undefined ? {} : { details: error.details }),
  });
}
