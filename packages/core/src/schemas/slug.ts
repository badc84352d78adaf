import { z } from 'zod';

/** A Sentry slug (organization, project): letters, digits, `_` and `-`, as the server allows. */
export const SlugSchema = z.string().regex(/^[a-zA-Z0-9_-]{1,100}$/);
