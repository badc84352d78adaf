import { z } from 'zod';

/** `GET organizations/{org}/`: only what clients read. */
export const OrganizationSchema = z.looseObject({
  id: z.coerce.string(),
  slug: z.string(),
  name: z.string().optional(),
  links: z
    .looseObject({ organizationUrl: z.string().optional(), regionUrl: z.string().optional() })
    .optional(),
});
export type Organization = z.infer<typeof OrganizationSchema>;
