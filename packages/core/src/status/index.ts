export * from './judge-comparison.js';
export * from './summarize-comparison.js';
export * from './wait-for-comparison.js';
