import { z } from 'zod';
import { numericIdSchema } from './numeric-id.js';
import { SlugSchema } from './slug.js';

/** `GET organizations/{org}/`: only what clients read. */
export const OrganizationSchema = z.looseObject({
  id: numericIdSchema('an organization id'),
  slug: SlugSchema,
  name: z.string().optional(),
  links: z
    .looseObject({ organizationUrl: z.string().optional(), regionUrl: z.string().optional() })
    .optional(),
});
export type Organization = z.infer<typeof OrganizationSchema>;
