import { z } from 'zod';
import { SlugSchema } from './slug.js';

/** The usual Sentry error body. `detail` may be a string or a structured object. */
export const ApiErrorBodySchema = z.looseObject({
  detail: z.unknown().optional(),
});

/** The 302 body of a renamed project; the new slug is printed and reused. */
export const ProjectRenamedBodySchema = z.object({
  slug: SlugSchema,
  detail: z.looseObject({
    extra: z.looseObject({ url: z.string().optional(), slug: SlugSchema.or(z.literal('')) }),
  }),
});
export type ProjectRenamedBody = z.infer<typeof ProjectRenamedBodySchema>;

export const rateLimitDetail = (limit: number, windowSeconds: number) =>
  `You are attempting to use this endpoint too frequently. Limit is ${limit} requests in ${windowSeconds} seconds`;
