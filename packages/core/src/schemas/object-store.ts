import { z } from 'zod';

/** Answer to a single PUT. */
export const StoreObjectResponseSchema = z.object({ key: z.string() });

/** Error body of the object store. */
export const ObjectStoreErrorSchema = z.object({
  detail: z.string(),
  causes: z.array(z.unknown()).optional(),
});

export const BatchOperationKindSchema = z.enum(['head', 'insert', 'get', 'delete']);
export type BatchOperationKind = z.infer<typeof BatchOperationKindSchema>;

/** The multipart header names of the batch endpoint. */
export const batchHeaders = {
  kind: 'x-sn-batch-operation-kind',
  key: 'x-sn-batch-operation-key',
  index: 'x-sn-batch-operation-index',
  status: 'x-sn-batch-operation-status',
  expiration: 'x-sn-expiration',
  auth: 'x-os-auth',
} as const;

/** Limits the official client keeps per batch; a file above the single-object limit goes alone as a PUT. */
export const batchLimits = {
  maxOperations: 1000,
  maxBytes: 100 * 1000 * 1000,
  maxInlineObjectBytes: 1024 * 1024,
} as const;
