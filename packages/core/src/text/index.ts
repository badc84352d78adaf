export * from './escape-terminal-text.js';
