export * from './summarize-comparison.js';
export * from './wait-for-comparison.js';
