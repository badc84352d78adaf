import { type OptionKey, type OptionSpec, optionTable } from '@sentry-snapshots/core/options';
import { type Command, Option } from 'commander';

/** Help said differently for one command (`--project` only narrows a search in `download`). */
export type HelpOverrides = Partial<Record<OptionKey, string>>;

/** Adds the table's options to a command as their CLI flags. */
export function addTableOptions(
  command: Command,
  keys: readonly OptionKey[],
  help: HelpOverrides = {},
): Command {
  for (const key of keys) command.addOption(tableOption(key, help[key]));
  return command;
}

/** One option of the table as commander's `Option`, its value kept under the option's key. */
export function tableOption(key: OptionKey, help?: string, flag?: `--${string}`): Option {
  const spec: OptionSpec = optionTable[key];
  const long = flag ?? spec.flag;
  if (long === undefined) throw new Error(`The option ${key} has no CLI flag.`);
  const short = flag === undefined && spec.short ? `${spec.short}, ` : '';
  const option = new Option(
    `${short}${long}${spec.valueName ? ` <${spec.valueName}>` : ''}`,
    help ?? spec.help,
  );
  if (spec.choices) option.choices(spec.choices);
  if (spec.repeatable) option.argParser((value: string, previous: string[] = []) => [...previous, value]);
  if (spec.default !== undefined && spec.valueName) option.default(spec.default);
  // Commander keys a value by the flag's camelCase; keyed by the table's name instead, the parsed
  // flags go straight into `decodeOptions`, and errors name the option the table knows.
  option.attributeName = () => key;
  return option;
}

/** The CLI's spelling of an option: its flag, and how to set it (flag, variable, .sentryclirc). */
export const cliSpelling = {
  name: (_key: OptionKey, spec: OptionSpec) => spec.flag,
  howToSet(_key: OptionKey, spec: OptionSpec): string | undefined {
    const file = spec.config ? ` ([${spec.config.section}] ${spec.config.key} in .sentryclirc)` : '';
    if (spec.flag) {
      const flag = spec.short ? `${spec.short}/${spec.flag}` : spec.flag;
      return `Pass ${flag}${spec.env ? `, or set ${spec.env}${file}` : ''}`;
    }
    return spec.env ? `Set ${spec.env}${file}` : undefined;
  },
};
