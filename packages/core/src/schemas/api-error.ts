import { z } from 'zod';

/** The usual Sentry error body. `detail` may be a string or a structured object. */
export const ApiErrorBodySchema = z.looseObject({
  detail: z.unknown().optional(),
});

/** A Sentry slug: what the server lets a project be named; the new slug is printed and reused. */
const SlugSchema = z.string().regex(/^[a-zA-Z0-9_-]{1,100}$/);

/** The 302 body of a renamed project. */
export const ProjectRenamedBodySchema = z.object({
  slug: SlugSchema,
  detail: z.looseObject({
    extra: z.looseObject({ url: z.string().optional(), slug: SlugSchema.or(z.literal('')) }),
  }),
});
export type ProjectRenamedBody = z.infer<typeof ProjectRenamedBodySchema>;

export const rateLimitDetail = (limit: number, windowSeconds: number) =>
  `You are attempting to use this endpoint too frequently. Limit is ${limit} requests in ${windowSeconds} seconds`;
