export * from './compare-images.js';
export * from './compare-snapshots.js';
export * from './decode-image.js';
export * from './diff-pixels.js';
export * from './encode-png.js';
export * from './rgba-image.js';
export * from './snapshot-comparison.js';
export * from './to-snapshot-image.js';
