import { z } from 'zod';

/** The usual Sentry error body. `detail` may be a string or a structured object. */
export const ApiErrorBodySchema = z.looseObject({
  detail: z.unknown().optional(),
});

/** The 302 body of a renamed project. */
export const ProjectRenamedBodySchema = z.object({
  slug: z.string(),
  detail: z.looseObject({
    extra: z.looseObject({ url: z.string().optional(), slug: z.string() }),
  }),
});
export type ProjectRenamedBody = z.infer<typeof ProjectRenamedBodySchema>;

export const rateLimitDetail = (limit: number, windowSeconds: number) =>
  `You are attempting to use this endpoint too frequently. Limit is ${limit} requests in ${windowSeconds} seconds`;
