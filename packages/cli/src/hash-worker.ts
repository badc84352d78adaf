// The hash workers' module (core's `startImageHashing` runs `hash-worker.mjs` beside its code).
export { runHashWorker } from '@sentry-snapshots/core/hash-worker';
