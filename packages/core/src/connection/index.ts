export * from './org-auth-token.js';
export * from './resolve-connection.js';
