export * from './discover-images.js';
export * from './image-hashing.js';
export * from './json-nesting.js';
export * from './read-image-names.js';
export * from './read-image-size.js';
export * from './read-images.js';
