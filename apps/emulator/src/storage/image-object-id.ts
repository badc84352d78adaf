import type { ObjectId } from './object-key.js';
import type { SnapshotRecord } from './snapshot-storage.js';

/** The object store's usecase for snapshot images, as upload-options hands it out. */
export const objectStoreUsecase = 'preprod';

/** `[['org','1'],['project','2']]` → `org=1;project=2`, the path form of a scope. */
export function formatScopes(scopes: [string, string][]): string {
  return scopes.map(([name, value]) => `${name}=${value}`).join(';');
}

/** Where the object store keeps an image of this snapshot. */
export function imageObjectId(record: SnapshotRecord, contentHash: string): ObjectId {
  return {
    usecase: objectStoreUsecase,
    scopes: formatScopes([
      ['org', String(record.orgId)],
      ['project', String(record.projectId)],
    ]),
    key: `${record.orgId}/${record.projectId}/${contentHash}`,
  };
}
