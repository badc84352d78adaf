export * from './decode-options.js';
export * from './describe-settings.js';
export * from './option-table.js';
export * from './parse-duration.js';
export * from './spell-option-error.js';
