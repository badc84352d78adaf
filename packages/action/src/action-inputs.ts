import { CreateSnapshotRequestSchema, type Env, SnapshotsError } from '@sentry-snapshots/core';
import { z } from 'zod';

/** The manifest's own field schemas: an input is refused with the server's rule before any request. */
const manifestField = CreateSnapshotRequestSchema.shape;

const text = z.string().trim();

const optionalText = text.transform((value) => (value === '' ? undefined : value));

const requiredText = text.min(1, { error: 'is required' });

const flag = (fallback: boolean) =>
  text
    .toLowerCase()
    .pipe(z.enum(['', 'true', 'false'], { error: 'must be true or false' }))
    .transform((value) => (value === '' ? fallback : value === 'true'));

const optionalNumber = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (Number.isFinite(number)) return number;
  ctx.addIssue({ code: 'custom', message: 'must be a number' });
  return z.NEVER;
});

/** Core reads a comma-separated list; a YAML block scalar with one name a line reads better. */
const nameList = optionalText.transform((value) => value?.replace(/\r?\n/g, ','));

const headerLines = optionalText.transform((value, ctx) => {
  const headers: Record<string, string> = {};
  for (const line of value?.split('\n') ?? []) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (colon < 1 || name === '') {
      ctx.addIssue({ code: 'custom', message: 'must hold one KEY:VALUE per line' });
      return z.NEVER;
    }
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
});

const durationUnits = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Milliseconds of `600`, `90s`, `10m`…, or undefined when it is no positive duration. */
function parseDuration(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(value);
  const amount = Number(match?.[1]);
  if (!match || !(amount > 0)) return undefined;
  return Math.round(amount * durationUnits[(match[2] ?? 's') as keyof typeof durationUnits]);
}

const durationError = 'must be a positive duration such as 600, 90s or 10m';

const duration = text.transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms !== undefined) return ms;
  ctx.addIssue({ code: 'custom', message: durationError });
  return z.NEVER;
});

/** Empty is unset. */
const optionalDuration = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms !== undefined) return ms;
  ctx.addIssue({ code: 'custom', message: durationError });
  return z.NEVER;
});

const httpUrl = text.pipe(
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://sentry.io/' }),
);

/**
 * Every input of action.yml, keyed by its kebab-case name so that a message can name it. The
 * defaults repeat action.yml's, for runs that do not go through the runner's defaults.
 */
export const ActionInputsSchema = z
  .object({
    path: requiredText,
    'app-id': requiredText.pipe(manifestField.app_id),
    'auth-token': optionalText,
    org: optionalText,
    project: optionalText,
    url: optionalText.pipe(httpUrl.optional()),
    headers: headerLines,
    'diff-threshold': optionalNumber.pipe(manifestField.diff_threshold),
    selective: flag(false),
    'all-image-file-names': nameList,
    'all-image-file-names-file': optionalText,
    'head-sha': optionalText.pipe(manifestField.head_sha),
    'base-sha': optionalText.pipe(manifestField.base_sha),
    'vcs-provider': optionalText.pipe(manifestField.provider),
    'head-repo-name': optionalText.pipe(manifestField.head_repo_name),
    'base-repo-name': optionalText.pipe(manifestField.base_repo_name),
    'head-ref': optionalText.pipe(manifestField.head_ref),
    'base-ref': optionalText.pipe(manifestField.base_ref),
    'pr-number': optionalNumber.pipe(manifestField.pr_number),
    'git-metadata': text
      .transform((value) => value || 'auto')
      .pipe(z.enum(['auto', 'force', 'off'], { error: 'must be auto, force or off' })),
    wait: flag(false),
    'wait-timeout': text.transform((value) => value || '10m').pipe(duration),
    'http-timeout': optionalDuration,
    'upload-timeout': optionalDuration,
    'fail-on-changes': flag(false),
    'fail-on-error': flag(true),
    comment: text
      .transform((value) => value || 'off')
      .pipe(z.enum(['off', 'on-changes', 'always'], { error: 'must be off, on-changes or always' })),
    'github-token': optionalText,
    'working-directory': text.transform((value) => value || '.'),
    'skip-on-missing-token': flag(true),
  })
  .refine((inputs) => !(inputs['all-image-file-names'] && inputs['all-image-file-names-file']), {
    path: ['all-image-file-names-file'],
    error: 'cannot be used together with all-image-file-names: give the names inline or in a file',
  })
  .transform((inputs) => ({
    path: inputs.path,
    appId: inputs['app-id'],
    authToken: inputs['auth-token'],
    org: inputs.org,
    project: inputs.project,
    url: inputs.url,
    headers: inputs.headers,
    diffThreshold: inputs['diff-threshold'],
    selective: inputs.selective,
    allImageFileNames: inputs['all-image-file-names'],
    allImageFileNamesFile: inputs['all-image-file-names-file'],
    vcs: {
      headSha: inputs['head-sha'],
      baseSha: inputs['base-sha'],
      provider: inputs['vcs-provider'],
      headRepoName: inputs['head-repo-name'],
      baseRepoName: inputs['base-repo-name'],
      headRef: inputs['head-ref'],
      baseRef: inputs['base-ref'],
      prNumber: inputs['pr-number'],
    },
    gitMetadata: inputs['git-metadata'],
    // Gating on changes or commenting on them needs the comparison's answer.
    wait: inputs.wait || inputs['fail-on-changes'] || inputs.comment === 'on-changes',
    waitTimeoutMs: inputs['wait-timeout'],
    httpTimeoutMs: inputs['http-timeout'],
    uploadTimeoutMs: inputs['upload-timeout'],
    failOnChanges: inputs['fail-on-changes'],
    failOnError: inputs['fail-on-error'],
    comment: inputs.comment,
    githubToken: inputs['github-token'],
    workingDirectory: inputs['working-directory'],
    skipOnMissingToken: inputs['skip-on-missing-token'],
  }));
export type ActionInputs = z.output<typeof ActionInputsSchema>;

export type InputName = keyof z.input<typeof ActionInputsSchema>;

export const inputNames = Object.keys(ActionInputsSchema.in.shape) as InputName[];

// Never echoed back in a message: tokens, and headers that may carry credentials.
const secretInputs = new Set<InputName>(['auth-token', 'github-token', 'headers']);

/** The runner passes input `app-id` as `INPUT_APP-ID`: spaces become `_`, dashes stay. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Reads and validates every input; the first bad one throws an `INVALID_OPTION` that names it. */
export function readActionInputs(env: Env): ActionInputs {
  const raw: Record<string, string> = {};
  for (const name of inputNames) raw[name] = env[inputEnvName(name)] ?? '';
  const parsed = ActionInputsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'unknown') as InputName;
  const value = raw[name] ?? '';
  const shown = secretInputs.has(name) || value === '' ? '' : ` (got "${value}")`;
  throw new SnapshotsError('INVALID_OPTION', `Input "${name}" ${phrase(issue?.message)}${shown}`, {
    hint: `Fix the "${name}" input in the workflow's \`with:\` block.`,
    details: { input: name },
  });
}

/** Own messages read as "Input x must…"; core's are full sentences and follow a colon. */
function phrase(message = 'is invalid'): string {
  return /^[A-Z]/.test(message) ? `is invalid: ${message}` : message;
}
