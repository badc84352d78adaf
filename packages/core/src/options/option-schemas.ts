import { z } from 'zod';
import { CreateSnapshotRequestSchema } from '../schemas/create-snapshot.js';
import type { OptionKinds, OptionSpec } from './option-table.js';
import { parseDuration } from './parse-duration.js';
import { parseHeaders } from './parse-headers.js';

/**
 * What a frontend hands over for one option: a flag's or input's text, a boolean flag, or a
 * repeated flag's list. Blank text means "not given" (the runner passes unset inputs as '').
 */
const given = z.union([z.string(), z.boolean(), z.array(z.string())]);

/** Trimmed text; blank is undefined. */
const textOption = () =>
  z
    .string()
    .transform((value) => value.trim())
    .transform((value) => (value === '' ? undefined : value));

/** A number; a manifest field's rule (with its message) checks it further, else it must be finite. */
const numberOption = () =>
  textOption().transform((value) => (value === undefined ? undefined : Number(value)));

/** A number from 0 to 1, both included; also checks a value the SDK was given as a number. */
export const fractionSchema = z
  .number({ error: 'must be a number from 0 to 1' })
  .min(0, { error: 'must be a number from 0 to 1' })
  .max(1, { error: 'must be a number from 0 to 1' });

const fractionOption = () => numberOption().pipe(fractionSchema.optional());

/** A whole number ≥ 1 given as a number, as the SDK takes counts. */
export const countSchema = z
  .number({ error: 'expected a whole number of at least 1' })
  .int({ error: 'expected a whole number of at least 1' })
  .min(1, { error: 'expected a whole number of at least 1' });

const positiveIntegerOption = () =>
  textOption().transform((value, ctx) => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (Number.isInteger(number) && number >= 1) return number;
    ctx.addIssue({ code: 'custom', message: 'expected a whole number of at least 1' });
    return z.NEVER;
  });

/** A CLI switch (`true`), or an input's `true`/`false`. */
const booleanOption = () =>
  given.transform((value, ctx) => {
    if (typeof value === 'boolean') return value;
    const text = (Array.isArray(value) ? value.at(-1) : value)?.trim().toLowerCase();
    if (text === '' || text === undefined) return undefined;
    if (text === 'true') return true;
    if (text === 'false') return false;
    ctx.addIssue({ code: 'custom', message: 'must be true or false' });
    return z.NEVER;
  });

/** Plain seconds or `90s`/`10m`/`1h`, as milliseconds. */
const durationOption = () =>
  textOption().transform((value, ctx) => {
    if (value === undefined) return undefined;
    const ms = parseDuration(value);
    if (ms !== undefined) return ms;
    ctx.addIssue({ code: 'custom', message: 'must be a duration in seconds, or with a unit: 90s, 10m, 1h' });
    return z.NEVER;
  });

/** `KEY:VALUE` entries: a repeated flag's list, or one per line. */
const headersOption = () =>
  given.transform((value, ctx) => {
    const entries = (typeof value === 'string' ? value.split(/\r?\n/) : Array.isArray(value) ? value : [])
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    if (entries.length === 0) return undefined;
    const parsed = parseHeaders(entries);
    if ('headers' in parsed) return parsed.headers;
    // The entry itself is not quoted: headers may carry credentials.
    ctx.addIssue({ code: 'custom', message: 'expected KEY:VALUE, with a valid HTTP header name as the key' });
    return z.NEVER;
  });

/** Names separated by commas or new lines, trimmed, blanks dropped (as sentry-cli reads them). */
const namesOption = () =>
  textOption().transform((value) =>
    value
      ?.split(/,|\r?\n/)
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  );

/** Paths, one per line or a repeated flag's list (a path may hold a comma), trimmed, blanks dropped. */
const pathsOption = () =>
  given.transform((value) => {
    const lines = typeof value === 'string' ? value.split(/\r?\n/) : Array.isArray(value) ? value : [];
    const paths = lines.map((path) => path.trim()).filter((path) => path !== '');
    return paths.length === 0 ? undefined : paths;
  });

const choiceOption = (choices: readonly string[]) =>
  textOption().pipe(
    z.enum(choices as [string, ...string[]], { error: `must be one of ${choices.join(', ')}` }).optional(),
  );

const urlOption = () =>
  textOption().pipe(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://sentry.io/' }).optional(),
  );

const finite = z.number().refine(Number.isFinite, { error: 'must be a number' }).optional();

const kindSchemas: Record<Exclude<keyof OptionKinds, 'choice'>, () => z.ZodType> = {
  text: textOption,
  url: urlOption,
  number: numberOption,
  fraction: fractionOption,
  count: positiveIntegerOption,
  boolean: booleanOption,
  duration: durationOption,
  headers: headersOption,
  names: namesOption,
  paths: pathsOption,
};

const schemas = new Map<OptionSpec, z.ZodType>();

/** The schema that reads an option from what a frontend was given, made once per option. */
export function optionSchema(spec: OptionSpec): z.ZodType {
  let schema = schemas.get(spec);
  if (schema === undefined) {
    const read = spec.kind === 'choice' ? choiceOption(spec.choices ?? []) : kindSchemas[spec.kind]();
    const check = spec.field && CreateSnapshotRequestSchema.shape[spec.field];
    schema = check ? read.pipe(check.optional()) : spec.kind === 'number' ? read.pipe(finite) : read;
    schemas.set(spec, schema);
  }
  return schema;
}
