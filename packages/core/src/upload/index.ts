export * from './build-manifest.js';
