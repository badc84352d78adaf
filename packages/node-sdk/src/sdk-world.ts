import {
  createWorld,
  type Env,
  type Logger,
  type OptionSpelling,
  spellOptionError,
  type World,
} from '@sentry-snapshots/core';

/** What every SDK call may take from its caller instead of the process. */
export interface WorldOptions {
  /** Where diagnostics go; silent by default. */
  logger?: Logger;
  /** Aborts the call. */
  signal?: AbortSignal;
  /** Default: `process.env`. */
  env?: Env;
  /** Default: `process.cwd()`. */
  cwd?: string;
  /** undici dispatcher for every request; default honours HTTP(S)_PROXY/NO_PROXY. */
  dispatcher?: World['dispatcher'];
  /**
   * The longest any one wait on a server may last, in ms: connecting, its answer, a pause in a
   * transfer (a slow transfer that keeps moving never times out). Default `SENTRY_HTTP_TIMEOUT`
   * (seconds), else 20 s; a call that timed out is tried once more, then fails with `TIMEOUT`.
   */
  httpTimeoutMs?: number;
}

/** The world core runs in, from the caller's options and the process defaults. */
export function createSdkWorld(options: WorldOptions): World {
  return createWorld({
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.httpTimeoutMs === undefined ? {} : { httpTimeoutMs: options.httpTimeoutMs }),
  });
}

/** How an SDK user sets an option: by its name, or the variable the SDK reads it from. */
export const sdkSpelling: OptionSpelling = {
  name: (key) => key,
  howToSet: (key, spec) => `Pass the ${key} option${spec.env ? `, or set ${spec.env}` : ''}`,
};

/** Runs an SDK call; an error about an option says how to set it in the SDK's words. */
export async function withSdkSpelling<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw spellOptionError(error, sdkSpelling);
  }
}
