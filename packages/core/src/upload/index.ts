export * from './build-manifest.js';
export * from './upload-snapshot.js';
