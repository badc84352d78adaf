declare const __SNAPSHOTS_VERSION__: string | undefined;

/** Replaced at build time by tsdown's `define`; `0.0.0-dev` when run from source in tests. */
export const version: string =
  typeof __SNAPSHOTS_VERSION__ === 'string' ? __SNAPSHOTS_VERSION__ : '0.0.0-dev';
export const userAgent = `sentry-snapshots/${version}`;
