import { SnapshotsError } from '../errors.js';
import { invalidOptionMessage } from './invalid-option-message.js';
import { optionSchema } from './option-schemas.js';
import { type OptionKey, type OptionSpec, type OptionValue, optionTable } from './option-table.js';

export type OptionValues<K extends OptionKey> = { [P in K]?: OptionValue<P> };

/** Where a bad value goes: thrown at once, or collected (doctor reports every problem). */
export type ProblemSink = SnapshotsError[] | undefined;

/**
 * Turns what a frontend was given (flags, inputs, variables: text, switches, lists) into typed
 * values, each checked by its option's schema. A bad value is an `INVALID_OPTION` that names the
 * option's key; each frontend spells it as the user wrote it (a flag, an input, an option).
 */
export function decodeOptions<K extends OptionKey>(
  keys: readonly K[],
  given: Partial<Record<K, unknown>>,
  problems?: ProblemSink,
): OptionValues<K> {
  const values: OptionValues<K> = {};
  for (const key of keys) {
    const raw = given[key];
    if (raw === undefined) continue;
    const spec: OptionSpec = optionTable[key];
    const parsed = optionSchema(spec).safeParse(raw);
    if (parsed.success) {
      if (parsed.data !== undefined) values[key] = parsed.data as OptionValue<K>;
      continue;
    }
    const error = invalidOption(key, raw, parsed.error.issues[0]?.message ?? 'invalid value');
    if (problems === undefined) throw error;
    problems.push(error);
  }
  return values;
}

/** An `INVALID_OPTION` for the option's value; secrets' values are never kept. */
export function invalidOption(key: OptionKey, value: unknown, reason: string): SnapshotsError {
  const spec: OptionSpec = optionTable[key];
  const details = { option: key, reason, ...(spec.secret ? {} : { value }) };
  return new SnapshotsError('INVALID_OPTION', invalidOptionMessage(key, details), { option: key, details });
}
