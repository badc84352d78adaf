import { z } from 'zod';
import { numericIdSchema } from './numeric-id.js';

/** `GET projects/{org}/{project}/preprodartifacts/snapshots/upload-options/` */
export const UploadOptionsResponseSchema = z.object({
  objectstore: z.object({
    url: z.string().transform((url) => url.replace(/\/+$/, '')),
    usecase: z
      .string()
      .nullish()
      .transform((usecase) => usecase ?? 'preprod'),
    scopes: z
      // The values are the org's and project's ids, which become segments of every object key.
      .array(z.tuple([z.string(), numericIdSchema('a scope id')]))
      .refine(
        (scopes) => scopes.some(([name]) => name === 'org') && scopes.some(([name]) => name === 'project'),
        {
          error: 'objectstore.scopes must hold org and project',
        },
      ),
    authToken: z.string().nullish(),
    expirationPolicy: z.string().nullish(),
  }),
});
export type UploadOptionsResponse = z.infer<typeof UploadOptionsResponseSchema>;
export type ObjectStoreOptions = UploadOptionsResponse['objectstore'];
