declare const __SNAPSHOTS_VERSION__: string | undefined;

/**
 * The CLI's version, set by tsdown's `define` at build time. Not core's `version`: importing
 * core at start-up would load all of it before `--version` could answer.
 */
export const version: string =
  typeof __SNAPSHOTS_VERSION__ === 'string' ? __SNAPSHOTS_VERSION__ : '0.0.0-dev';
