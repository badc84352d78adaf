// The rules live in core, shared with the action; the SDK's calls import them from here.
export { type ConnectionOptions, resolveConnection } from '@sentry-snapshots/core';
