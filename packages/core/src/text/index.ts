export * from './escape-terminal-text.js';
export * from './stringify-json-for-terminal.js';
