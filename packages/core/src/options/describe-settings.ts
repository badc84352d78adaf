import { maskToken } from '../doctor/mask-token.js';
import type { Env } from '../world.js';
import { type OptionKey, type OptionSpec, optionTable } from './option-table.js';

/** One option that is set, as doctor shows it: where its value came from, secrets masked. */
export interface Setting {
  option: OptionKey;
  /** `given`: by the caller (a flag, an input, an SDK option); `env`: by its variable (or config file). */
  source: 'given' | 'env';
  /** The variable it was read from, for `env`. */
  env?: string;
  value: string;
}

/**
 * Every option of the table that is set, given or from its variable, in the table's order: what
 * an upload with these settings would use, derived from the one declaration of each option.
 */
export function describeSettings(given: Partial<Record<OptionKey, unknown>>, env: Env): Setting[] {
  const settings: Setting[] = [];
  for (const [key, spec] of Object.entries(optionTable) as [OptionKey, OptionSpec][]) {
    const value = given[key];
    // A default said again (the CLI always names its git metadata mode) is not a setting.
    if (value !== undefined && value !== '' && value !== spec.default) {
      settings.push({ option: key, source: 'given', value: shown(spec, value) });
      continue;
    }
    const fromEnv = spec.env === undefined ? undefined : env[spec.env]?.trim();
    if (fromEnv) settings.push({ option: key, source: 'env', env: spec.env, value: shown(spec, fromEnv) });
  }
  return settings;
}

/** Tokens by their last characters, headers by their names: never enough to use them. */
function shown(spec: OptionSpec, value: unknown): string {
  if (spec.kind === 'duration' && typeof value === 'number') return `${value / 1000} s`;
  if (!spec.secret) return typeof value === 'string' ? value : JSON.stringify(value);
  if (spec.kind === 'headers') {
    const names =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.keys(value)
        : String(value)
            .split(/\r?\n/)
            .map((line) => line.split(':')[0]?.trim());
    return `${names.filter(Boolean).join(', ')} (values hidden)`;
  }
  return maskToken(String(value));
}
