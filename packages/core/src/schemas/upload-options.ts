import { z } from 'zod';

/** `GET projects/{org}/{project}/preprodartifacts/snapshots/upload-options/` */
export const UploadOptionsResponseSchema = z.object({
  objectstore: z.object({
    url: z.string().transform((url) => url.replace(/\/+$/, '')),
    usecase: z
      .string()
      .nullish()
      .transform((usecase) => usecase ?? 'preprod'),
    scopes: z
      .array(z.tuple([z.string(), z.coerce.string()]))
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
