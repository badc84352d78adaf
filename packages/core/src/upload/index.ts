export * from './build-manifest.js';
export * from './finalize-snapshot.js';
export * from './upload-snapshot.js';
