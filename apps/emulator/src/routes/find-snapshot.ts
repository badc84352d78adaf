import { SnapshotNotFoundDetail } from '@sentry-snapshots/core/contract';
import { HttpError } from '../http-error.js';
import { param, type RouteRequest } from '../route-request.js';
import type { Organization } from '../storage/project-registry.js';
import type { SnapshotRecord } from '../storage/snapshot-storage.js';

/** The organization's snapshot named by the `id` parameter, or a 404 with Sentry's detail for the endpoint. */
export function findSnapshot(
  request: RouteRequest,
  org: Organization,
  notFoundDetail = SnapshotNotFoundDetail,
): SnapshotRecord {
  const id = param(request, 'id');
  const record = /^\d+$/.test(id) ? request.state.snapshots.get(Number(id)) : undefined;
  if (!record || record.orgId !== org.id) throw HttpError.detail(404, notFoundDetail);
  return record;
}
