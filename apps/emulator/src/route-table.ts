import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { RouteHandler } from './route-request.js';
import { approveSnapshot } from './routes/approve-snapshot.js';
import { createSnapshot } from './routes/create-snapshot.js';
import { getFavicon } from './routes/favicon.js';
import { deleteObject, getObject, headObject, putObject } from './routes/object.js';
import { postObjectBatch } from './routes/object-batch.js';
import { getOrganization, getProject } from './routes/organization.js';
import {
  getArchive,
  getLatestBase,
  getSnapshotDetail,
  getSnapshotImage,
  getSnapshotIndex,
  getSnapshotPage,
  postArchive,
} from './routes/snapshots.js';
import { getUploadOptions } from './routes/upload-options.js';

export interface Route {
  /** Stable name for the stats, e.g. `object`, `objects:batch`. */
  name: string;
  handler: RouteHandler;
}

const objectStore = '/api/0/organizations/:orgId/objectstore/v1';
const org = '/api/0/organizations/:org';
const project = '/api/0/projects/:org/:project';

const routes: [HTTPMethod, string, string, RouteHandler][] = [
  ['GET', `${org}/`, 'organization', getOrganization],
  ['GET', `${project}/`, 'project', getProject],
  ['GET', `${project}/preprodartifacts/snapshots/upload-options/`, 'upload-options', getUploadOptions],
  ['POST', `${project}/preprodartifacts/snapshots/`, 'create-snapshot', createSnapshot],
  ['GET', `${org}/preprodartifacts/snapshots/latest-base/`, 'latest-base', getLatestBase],
  ['GET', `${org}/preprodartifacts/snapshots/:id/`, 'snapshot', getSnapshotDetail],
  ['GET', `${org}/preprodartifacts/snapshots/:id/archive/`, 'archive', getArchive],
  ['POST', `${org}/preprodartifacts/snapshots/:id/archive/`, 'archive', postArchive],
  ['GET', `${org}/preprodartifacts/snapshots/:id/images/:hash/`, 'image', getSnapshotImage],
  ['POST', `${org}/preprodartifacts/:id/approve/`, 'approve', approveSnapshot],
  ['HEAD', `${objectStore}/objects/:usecase/:scopes/*`, 'object', headObject],
  ['GET', `${objectStore}/objects/:usecase/:scopes/*`, 'object', getObject],
  ['PUT', `${objectStore}/objects/:usecase/:scopes/*`, 'object', putObject],
  ['DELETE', `${objectStore}/objects/:usecase/:scopes/*`, 'object', deleteObject],
  // `::` is find-my-way's escape for a literal colon.
  ['POST', `${objectStore}/objects::batch/:usecase/:scopes/`, 'objects:batch', postObjectBatch],
  ['GET', '/organizations/:org/preprod/snapshots/:id/', 'snapshot-page', getSnapshotPage],
  ['GET', '/', 'index-page', getSnapshotIndex],
  ['GET', '/favicon.ico', 'favicon', getFavicon],
];

export function createRouteTable(): FindMyWay.Instance<FindMyWay.HTTPVersion.V1> {
  const router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true });
  for (const [method, path, name, handler] of routes) {
    const route: Route = { name, handler };
    router.on(method, path, () => {}, route);
  }
  return router;
}
