/** How deep a request's JSON may nest, as on Sentry, whose JSON reader stops at the same depth. */
export const MAX_JSON_DEPTH = 1024;
