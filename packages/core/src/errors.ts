/**
 * Every failure that core reports is a `SnapshotsError` with a stable `code`. Frontends map the
 * code's family to what they need (the CLI to an exit code, the action to `setFailed`), so the
 * family table below is the one place that groups codes.
 */
export const errorFamilies = {
  usage: ['INVALID_OPTION', 'MISSING_OPTION'],
  config: [
    'MISSING_AUTH_TOKEN',
    'MISSING_ORG',
    'MISSING_PROJECT',
    'MISSING_APP_ID',
    'CONFLICTING_CONFIG',
    'CONFIG_FILE_UNREADABLE',
    'INVALID_CONFIG_VALUE',
    'INVALID_VCS_CONTEXT',
    'MISSING_DEPENDENCY',
  ],
  input: [
    'PATH_NOT_FOUND',
    'NO_IMAGES',
    'IMAGE_UNREADABLE',
    'IMAGE_TOO_LARGE',
    'DUPLICATE_IMAGE_KEY',
    'INVALID_MANIFEST',
    'NAMES_FILE_UNREADABLE',
    'OUTPUT_UNWRITABLE',
    'SHARD_UNREADABLE',
    'SHARD_CONFLICT',
    'SHARDS_DISAGREE',
    'SHARD_COUNT_MISMATCH',
    'SHARD_OBJECTS_MISSING',
  ],
  auth: ['UNAUTHORIZED', 'FORBIDDEN', 'OBJECT_STORE_UNAUTHORIZED'],
  notFound: ['NOT_FOUND', 'PROJECT_RENAMED', 'SNAPSHOT_NOT_FOUND', 'NO_BASE_SNAPSHOT'],
  api: [
    'API_ERROR',
    'RATE_LIMITED',
    'SERVER_ERROR',
    'INVALID_RESPONSE',
    'OBJECT_STORE_ERROR',
    'ARCHIVE_NOT_READY',
    'UNSAFE_ARCHIVE',
  ],
  network: ['NETWORK_ERROR', 'TIMEOUT'],
  git: ['GIT_ERROR'],
  comparison: ['CHANGES_DETECTED', 'COMPARISON_FAILED', 'WAIT_TIMEOUT', 'BASE_NOT_FOUND'],
  aborted: ['ABORTED'],
} as const;

export type ErrorFamily = keyof typeof errorFamilies;
export type ErrorCode = (typeof errorFamilies)[ErrorFamily][number];

const familyByCode = new Map<string, ErrorFamily>(
  Object.entries(errorFamilies).flatMap(([family, codes]) =>
    codes.map((code) => [code, family as ErrorFamily] as const),
  ),
);

export interface SnapshotsErrorOptions {
  /** What the user can do next, one sentence, in words of no frontend. */
  hint?: string;
  /**
   * The option the error is about (its key in `optionTable`); each frontend says how to set it
   * in its own words (a flag, an input, an SDK option) before the hint.
   */
  option?: string;
  /** The same error before a frontend put it in its words, so another frontend can spell it anew. */
  unspelled?: SnapshotsError;
  cause?: unknown;
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** Structured facts for `--json` output (the new slug of a renamed project, a server's detail…). */
  details?: Record<string, unknown>;
}

export class SnapshotsError extends Error {
  override readonly name = 'SnapshotsError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly option: string | undefined;
  readonly unspelled: SnapshotsError | undefined;
  readonly status: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: SnapshotsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.option = options.option;
    this.unspelled = options.unspelled;
    this.status = options.status;
    this.details = options.details;
  }

  get family(): ErrorFamily {
    return errorFamily(this.code);
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      family: this.family,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.option === undefined ? {} : { option: this.option }),
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export function errorFamily(code: string): ErrorFamily {
  return familyByCode.get(code) ?? 'api';
}

/** Checks by shape, not `instanceof`: bundling can give a process two copies of the class. */
export function isSnapshotsError(value: unknown): value is SnapshotsError {
  return (
    value instanceof Error &&
    typeof (value as unknown as { code?: unknown }).code === 'string' &&
    familyByCode.has((value as unknown as { code: string }).code)
  );
}
