import type { Dispatcher } from 'undici';

/** Structured log sink. Core never prints; frontends decide what reaches the user. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Everything core needs from the process, passed in so core stays free of globals. */
export interface World {
  env: Env;
  cwd: string;
  logger: Logger;
  clock: Clock;
  /** undici dispatcher for every request; defaults to one that honours HTTP(S)_PROXY/NO_PROXY. */
  dispatcher?: Dispatcher;
  /**
   * The HTTP timeout, the longest any one wait on a server may last (connecting, its answer, a
   * pause in a transfer); default `SENTRY_HTTP_TIMEOUT`, else 20 s.
   */
  httpTimeoutMs?: number;
  signal?: AbortSignal;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Fills the parts of a world a caller left out. */
export function createWorld(partial: Partial<World> & Pick<World, 'env' | 'cwd'>): World {
  return { logger: silentLogger, clock: systemClock, ...partial };
}
