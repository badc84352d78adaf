import {
  decodeOptions,
  type Env,
  type OptionKey,
  type OptionSpelling,
  type OptionValues,
  optionTable,
  SnapshotsError,
  type VcsContext,
  vcsFields,
} from '@sentry-snapshots/core';

type Table = typeof optionTable;

/** The options the action takes: those of the table with an input. */
export type ActionOptionKey = {
  [K in OptionKey]: Table[K] extends { input: string } ? K : never;
}[OptionKey];

export const actionOptionKeys = (Object.keys(optionTable) as OptionKey[]).filter(
  (key): key is ActionOptionKey => 'input' in optionTable[key],
);

/** The inputs each mode needs (action.yml cannot say so: none is required there). */
const requiredKeys = {
  upload: ['path', 'appId'],
  shard: ['path', 'appId', 'shardOut'],
  finalize: ['shards'],
} as const satisfies Record<string, readonly ActionOptionKey[]>;

type Values = OptionValues<ActionOptionKey>;

export type ActionInputs = Omit<Values, 'path' | 'appId' | 'mode' | VcsKey | 'waitTimeout'> & {
  mode: keyof typeof requiredKeys;
  /** Folders as given, each `DIR` or `DIR=PREFIX`; empty when finalizing. */
  path: string[];
  /** Empty when finalizing without restating it: it then comes from the shards. */
  appId: string;
  vcs: Partial<VcsContext>;
  /** Waiting for the comparison: asked for, or needed by the gate or the comment. */
  wait: boolean;
  waitTimeoutMs: number | undefined;
};

type VcsKey = (typeof vcsFields)[number];

/** The runner passes input `app-id` as `INPUT_APP-ID`: spaces become `_`, dashes stay. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** How a workflow sets an option: its input, or the variable in the step's env. */
export const actionSpelling: OptionSpelling = {
  name: (_key, spec) => (spec.input ? `input ${spec.input}` : undefined),
  howToSet(_key, spec) {
    const env = spec.env ? ` (or ${spec.env} in the step's env)` : '';
    if (spec.input) return `Set the "${spec.input}" input${spec.secret ? ' from a secret' : ''}${env}`;
    return spec.env ? `Set ${spec.env} in the step's env` : undefined;
  },
};

/**
 * Reads every input through the option table; the first bad one throws an error naming its
 * option. An input the runner left out has the table's default, which action.yml states too.
 */
export function readActionInputs(env: Env): ActionInputs {
  const given: Partial<Record<ActionOptionKey, string>> = {};
  for (const key of actionOptionKeys) {
    const spec: { input: string; default?: string } = optionTable[key];
    // A default that is a workflow expression (`${{ github.token }}`) only means something to the runner.
    const fallback = spec.default?.startsWith('${{') ? undefined : spec.default;
    given[key] = env[inputEnvName(spec.input)]?.trim() || fallback;
  }
  const values = decodeOptions(actionOptionKeys, given);
  const mode = (values.mode ?? 'upload') as ActionInputs['mode'];
  for (const key of requiredKeys[mode]) {
    if (!given[key]) {
      const needs = mode === 'upload' ? '' : ` with mode ${mode}`;
      throw new SnapshotsError('MISSING_OPTION', `Input "${optionTable[key].input}" is required${needs}.`, {
        option: key,
      });
    }
  }
  const vcs: Partial<VcsContext> = {};
  for (const field of vcsFields) {
    if (values[field] !== undefined) Object.assign(vcs, { [field]: values[field] });
  }
  return {
    ...values,
    mode,
    path: values.path ?? [],
    appId: values.appId ?? '',
    vcs,
    // Commenting on changes needs the comparison's answer; the SDK knows fail-on-changes does.
    // A shard has no snapshot to comment on: it waits only when asked to (and is then refused).
    wait: values.wait === true || (mode !== 'shard' && values.comment === 'on-changes'),
    waitTimeoutMs: values.waitTimeout,
  };
}
