/** How an option's text is read: each kind has one parser, shared by every frontend. */
export interface OptionKinds {
  text: string;
  /** An http(s) URL. */
  url: string;
  number: number;
  /** A number from 0 to 1, both included. */
  fraction: number;
  /** A whole number ≥ 1. */
  count: number;
  boolean: boolean;
  /** Plain seconds or `90s`/`10m`/`1h`, as milliseconds. */
  duration: number;
  /** `KEY:VALUE` entries. */
  headers: Record<string, string>;
  /** Names separated by commas or new lines. */
  names: string[];
  /** Paths, one per line. */
  paths: string[];
  choice: string;
}

/** The create request's fields whose rule and message an option borrows. */
export type ManifestField =
  | 'app_id'
  | 'diff_threshold'
  | 'head_sha'
  | 'base_sha'
  | 'provider'
  | 'head_repo_name'
  | 'base_repo_name'
  | 'head_ref'
  | 'base_ref'
  | 'pr_number';

/** One option, as every frontend spells it. Its key in `optionTable` is its name in the SDK and in errors. */
export interface OptionSpec {
  kind: keyof OptionKinds;
  /** Checked further by this field's rule of the create request, with Sentry's own message. */
  field?: ManifestField;
  /** The values a `choice` takes. */
  choices?: readonly string[];
  /** One line for `--help` and action.yml. */
  help: string;
  /** The CLI's flag, and its one-letter alias where sentry-cli has one. */
  flag?: `--${string}`;
  short?: `-${string}`;
  /** The placeholder in `--help` (`--app-id <APP_ID>`); a flag without one is a switch. */
  valueName?: string;
  /** The flag may be given more than once. */
  repeatable?: boolean;
  /** The GitHub Action's input. */
  input?: string;
  /** The environment variable that fills it when no flag or input does. */
  env?: string;
  /** Its key in `.sentryclirc` (and `sentry.properties`), read by the CLI as the variable. */
  config?: { section: string; key: string };
  /** The default, as text, where the frontends show one. */
  default?: string;
  /** Never echoed back in a message. */
  secret?: boolean;
}

/**
 * Every option of every frontend, declared once: commander's options, the action's inputs,
 * doctor's report and the SDK's checks are derived from this table. It is plain data (no zod), so
 * the CLI can build its parser from it before the rest of core loads.
 */
export const optionTable = {
  authToken: {
    kind: 'text',
    help: 'The Sentry auth token (an org auth token also names the org and the URL).',
    flag: '--auth-token',
    valueName: 'AUTH_TOKEN',
    input: 'auth-token',
    env: 'SENTRY_AUTH_TOKEN',
    config: { section: 'auth', key: 'token' },
    secret: true,
  },
  org: {
    kind: 'text',
    help: 'The organization ID or slug.',
    flag: '--org',
    short: '-o',
    valueName: 'ORG',
    input: 'org',
    env: 'SENTRY_ORG',
    config: { section: 'defaults', key: 'org' },
  },
  project: {
    kind: 'text',
    help: 'The project ID or slug.',
    flag: '--project',
    short: '-p',
    valueName: 'PROJECT',
    input: 'project',
    env: 'SENTRY_PROJECT',
    config: { section: 'defaults', key: 'project' },
  },
  url: {
    kind: 'url',
    help: 'Fully qualified URL to the Sentry server (default: https://sentry.io/).',
    flag: '--url',
    valueName: 'URL',
    input: 'url',
    env: 'SENTRY_URL',
    config: { section: 'defaults', key: 'url' },
  },
  headers: {
    kind: 'headers',
    help: 'Custom header attached to every request, in key:value format (repeatable).',
    flag: '--header',
    valueName: 'KEY:VALUE',
    repeatable: true,
    input: 'headers',
    env: 'CUSTOM_HEADER',
    config: { section: 'defaults', key: 'custom_header' },
    secret: true,
  },
  logLevel: {
    kind: 'choice',
    choices: ['trace', 'debug', 'info', 'warn', 'error'],
    help: 'Set the log output verbosity.',
    flag: '--log-level',
    valueName: 'LOG_LEVEL',
    env: 'SENTRY_LOG_LEVEL',
    config: { section: 'log', key: 'level' },
  },
  vcsRemote: {
    kind: 'text',
    help: 'The git remote the repository is named after (default: origin).',
    env: 'SENTRY_VCS_REMOTE',
    config: { section: 'defaults', key: 'vcs_remote' },
  },
  maxRetries: {
    kind: 'text',
    help: 'How often a failed request is retried.',
    env: 'SENTRY_HTTP_MAX_RETRIES',
    config: { section: 'http', key: 'max_retries' },
  },
  path: {
    kind: 'paths',
    help: 'The folder of screenshots (png, jpg, jpeg; a JSON sidecar beside each image); several folders one per line, each as DIR or DIR=PREFIX.',
    input: 'path',
  },
  prefix: {
    kind: 'text',
    help: "Name every image under this prefix (before a folder's own DIR=PREFIX), e.g. a module's name.",
    flag: '--prefix',
    valueName: 'PREFIX',
    input: 'prefix',
  },
  mode: {
    kind: 'choice',
    choices: ['upload', 'shard', 'finalize'],
    help: '`upload` (one snapshot of path), `shard` (store the objects of path and write shard-file for a later finalize) or `finalize` (one snapshot of the shard files in shards).',
    input: 'mode',
    default: 'upload',
  },
  shardOut: {
    kind: 'text',
    help: 'Store the objects, then write this shard file instead of creating the snapshot; `finalize` makes one snapshot of every shard.',
    flag: '--shard-out',
    valueName: 'FILE',
    input: 'shard-file',
  },
  shards: {
    kind: 'paths',
    help: 'The shard files to finalize, or folders holding them, one per line.',
    input: 'shards',
  },
  expectShards: {
    kind: 'count',
    help: 'Refuse to finalize, creating nothing, unless exactly this many shards are found.',
    flag: '--expect-shards',
    valueName: 'N',
    input: 'expect-shards',
  },
  appId: {
    kind: 'text',
    field: 'app_id',
    help: 'The application identifier: head and base snapshots are matched by it.',
    flag: '--app-id',
    valueName: 'APP_ID',
    input: 'app-id',
  },
  diffThreshold: {
    kind: 'number',
    field: 'diff_threshold',
    help: 'Only report images as changed when they differ by more than this fraction (0.01 = 1%).',
    flag: '--diff-threshold',
    valueName: 'THRESHOLD',
    input: 'diff-threshold',
  },
  selective: {
    kind: 'boolean',
    help: 'This upload holds only a subset of the images; needs a base SHA.',
    flag: '--selective',
    input: 'selective',
    default: 'false',
  },
  allImageFileNames: {
    kind: 'names',
    help: 'The name of every image of the full suite, comma-separated (implies --selective).',
    flag: '--all-image-file-names',
    valueName: 'NAMES',
    input: 'all-image-file-names',
  },
  allImageFileNamesFile: {
    kind: 'text',
    help: 'A file with the name of every image of the full suite, one per line (implies --selective).',
    flag: '--all-image-file-names-file',
    valueName: 'PATH',
    input: 'all-image-file-names-file',
  },
  headSha: {
    kind: 'text',
    field: 'head_sha',
    help: 'The commit sha of this build (default: from CI or git).',
    flag: '--head-sha',
    valueName: 'head_sha',
    input: 'head-sha',
    env: 'SENTRY_SNAPSHOTS_HEAD_SHA',
  },
  baseSha: {
    kind: 'text',
    field: 'base_sha',
    help: 'The commit sha to compare with (default: the merge-base).',
    flag: '--base-sha',
    valueName: 'base_sha',
    input: 'base-sha',
    env: 'SENTRY_SNAPSHOTS_BASE_SHA',
  },
  provider: {
    kind: 'text',
    field: 'provider',
    help: 'The VCS provider, e.g. github (default: from the remote).',
    flag: '--vcs-provider',
    valueName: 'vcs_provider',
    input: 'vcs-provider',
    env: 'SENTRY_SNAPSHOTS_VCS_PROVIDER',
  },
  headRepoName: {
    kind: 'text',
    field: 'head_repo_name',
    help: 'The repository of this build, e.g. owner/repo.',
    flag: '--head-repo-name',
    valueName: 'head_repo_name',
    input: 'head-repo-name',
    env: 'SENTRY_SNAPSHOTS_HEAD_REPO_NAME',
  },
  baseRepoName: {
    kind: 'text',
    field: 'base_repo_name',
    help: 'The repository of the base build, e.g. owner/repo.',
    flag: '--base-repo-name',
    valueName: 'base_repo_name',
    input: 'base-repo-name',
    env: 'SENTRY_SNAPSHOTS_BASE_REPO_NAME',
  },
  headRef: {
    kind: 'text',
    field: 'head_ref',
    help: 'The branch of this build.',
    flag: '--head-ref',
    valueName: 'head_ref',
    input: 'head-ref',
    env: 'SENTRY_SNAPSHOTS_HEAD_REF',
  },
  baseRef: {
    kind: 'text',
    field: 'base_ref',
    help: 'The branch of the base build.',
    flag: '--base-ref',
    valueName: 'base_ref',
    input: 'base-ref',
    env: 'SENTRY_SNAPSHOTS_BASE_REF',
  },
  prNumber: {
    kind: 'number',
    field: 'pr_number',
    help: 'The pull request number.',
    flag: '--pr-number',
    valueName: 'pr_number',
    input: 'pr-number',
    env: 'SENTRY_SNAPSHOTS_PR_NUMBER',
  },
  httpTimeout: {
    kind: 'duration',
    help: 'The longest any one wait on Sentry or its object store may last (connecting, the answer, a stalled transfer): seconds, or 20s, 1m (default 20). A call that timed out is tried once more.',
    flag: '--http-timeout',
    valueName: 'DURATION',
    input: 'http-timeout',
    env: 'SENTRY_HTTP_TIMEOUT',
    config: { section: 'http', key: 'timeout' },
  },
  uploadTimeout: {
    kind: 'duration',
    help: 'Stop the upload with a timeout error after this long: seconds, or 15m (default: no limit; 0 is none). A rerun finishes it.',
    flag: '--upload-timeout',
    valueName: 'DURATION',
    input: 'upload-timeout',
    env: 'SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT',
  },
  gitMetadata: {
    kind: 'choice',
    choices: ['auto', 'force', 'off'],
    help: '`auto` (read git and CI context in CI), `force` (always read it) or `off` (send only the overrides).',
    input: 'git-metadata',
    default: 'auto',
  },
  concurrency: {
    kind: 'count',
    help: 'How many requests to the object store are in flight at once.',
    flag: '--concurrency',
    valueName: 'n',
  },
  dryRun: {
    kind: 'boolean',
    help: 'Do everything but the writes, and print the manifest that would be sent.',
    flag: '--dry-run',
  },
  wait: {
    kind: 'boolean',
    help: 'After the upload, poll until the comparison with the base ends, and report it.',
    flag: '--wait',
    input: 'wait',
    default: 'false',
  },
  waitTimeout: {
    kind: 'duration',
    help: 'Give up waiting for the comparison after this long: seconds, or 90s, 10m, 1h.',
    flag: '--wait-timeout',
    valueName: 'DURATION',
    input: 'wait-timeout',
    default: '600',
  },
  failOnChanges: {
    kind: 'boolean',
    help: 'Implies waiting; fail when images were changed, added, removed or errored and not approved in Sentry.',
    flag: '--fail-on-changes',
    input: 'fail-on-changes',
    default: 'false',
  },
  snapshotId: {
    kind: 'text',
    help: 'Direct snapshot artifact ID. Mutually exclusive with --app-id.',
    flag: '--snapshot-id',
    valueName: 'ID',
  },
  branch: {
    kind: 'text',
    help: 'Git branch filter (only with --app-id).',
    flag: '--branch',
    valueName: 'NAME',
  },
  output: {
    kind: 'text',
    help: 'Directory for extracted images.',
    flag: '--output',
    valueName: 'DIR',
    default: './snapshots-base/',
  },
  archiveTimeout: {
    kind: 'duration',
    help: 'How long to wait for Sentry to build the archive: seconds, or 90s, 10m, 1h.',
    flag: '--timeout',
    valueName: 'DURATION',
    default: '300',
  },
  requireBase: {
    kind: 'boolean',
    help: 'Fail when the base commit has no snapshot to compare with, instead of passing with a warning.',
    flag: '--require-base',
    input: 'require-base',
    default: 'false',
  },
  failOnError: {
    kind: 'boolean',
    help: '`false` turns a Sentry outage (network, 5xx, rate limit, failed or timed-out comparison) into a warning instead of a failed step.',
    input: 'fail-on-error',
    default: 'true',
  },
  comment: {
    kind: 'choice',
    choices: ['off', 'on-changes', 'always'],
    help: 'Sticky pull-request comment, one per app id, updated in place: `off`, `on-changes` or `always`.',
    input: 'comment',
    default: 'off',
  },
  githubToken: {
    kind: 'text',
    help: 'Token for the pull-request comment (needs `pull-requests: write`).',
    input: 'github-token',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression action.yml holds
    default: '${{ github.token }}',
    secret: true,
  },
  workingDirectory: {
    kind: 'text',
    help: 'Folder that path and all-image-file-names-file are relative to.',
    input: 'working-directory',
    default: '.',
  },
  skipOnMissingToken: {
    kind: 'boolean',
    help: 'When no Sentry token is available on a fork or Dependabot pull request (secrets are withheld there), succeed without uploading and say so.',
    input: 'skip-on-missing-token',
    default: 'true',
  },
  colorThreshold: {
    kind: 'fraction',
    help: 'Pixel colour difference threshold (0.0-1.0).',
    flag: '--threshold',
    valueName: 'FLOAT',
    default: '0.01',
  },
  antialiasing: {
    kind: 'boolean',
    help: 'Count anti-aliased pixels as differences too.',
    flag: '--no-antialiasing',
    default: 'true',
  },
  failOnDiff: {
    kind: 'boolean',
    help: 'Fail when any image was changed, added, removed, renamed or not compared.',
    flag: '--fail-on-diff',
  },
  report: {
    kind: 'text',
    help: 'Also write an HTML page showing every changed, added and removed image.',
    flag: '--report',
    valueName: 'FILE',
  },
  diffOutput: {
    kind: 'text',
    help: 'Folder for the diff masks of changed images.',
    flag: '--output',
    short: '-o',
    valueName: 'DIR',
    default: './diff-output/',
  },
  strict: {
    kind: 'boolean',
    help: 'Refuse the upload, before anything is stored, when an image would be skipped (unreadable, empty, cut short) or a sidecar ignored.',
    flag: '--strict',
    input: 'strict',
    // The action's default; the CLI keeps sentry-cli's skip-and-warn unless the flag is given.
    default: 'true',
  },
  clean: {
    kind: 'boolean',
    help: 'Remove what the output folder holds before writing into it; without this a folder that is not empty is refused.',
    flag: '--clean',
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionKey = keyof typeof optionTable;

/** The options that set the VCS fields of a snapshot, named as the fields are. */
export const vcsOptionKeys = [
  'headSha',
  'baseSha',
  'provider',
  'headRepoName',
  'baseRepoName',
  'headRef',
  'baseRef',
  'prNumber',
] as const satisfies readonly OptionKey[];

type Table = typeof optionTable;

/** The value an option has once given: its kind's type, or one of its choices. */
export type OptionValue<K extends OptionKey> = Table[K] extends { choices: readonly (infer C)[] }
  ? C
  : OptionKinds[Table[K]['kind']];
