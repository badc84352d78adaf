import { createReadStream } from 'node:fs';
import { type LatestBase, SnapshotNotFoundDetail } from '@sentry-snapshots/core/contract';
import { authorizeOrganization } from '../authorize.js';
import { HttpError } from '../http-error.js';
import { param, type RouteHandler, type RouteRequest } from '../route-request.js';
import { sendHtml, sendJson } from '../send-response.js';
import { renderSnapshotIndexPage } from '../snapshot-index-page.js';
import { renderSnapshotPage, snapshotPageUrl } from '../snapshot-page.js';
import {
  describeComparisonStatus,
  describeImage,
  describeSnapshot,
  describeVcs,
  imageUrl,
  type SnapshotDescription,
} from '../snapshot-view.js';
import { imageObjectId } from '../storage/image-object-id.js';
import type { SnapshotRecord } from '../storage/snapshot-storage.js';
import { findSnapshot } from './find-snapshot.js';

function descriptionOf(request: RouteRequest, record: SnapshotRecord): SnapshotDescription {
  return {
    now: Date.now(),
    baseGraceMs: request.state.options.baseGraceMs,
    comparison: request.state.comparisons.get(record.id),
    approval: request.state.approvals.get(record.id),
  };
}

function detailOf(request: RouteRequest, record: SnapshotRecord) {
  return describeSnapshot(record, descriptionOf(request, record));
}

export const getSnapshotDetail: RouteHandler = async (request) => {
  const { org } = authorizeOrganization(request, 'read');
  sendJson(request.res, 200, detailOf(request, findSnapshot(request, org)));
};

/** The newest snapshot of an app uploaded without `base_sha`: what a local diff compares against. */
export const getLatestBase: RouteHandler = async (request) => {
  const { org } = authorizeOrganization(request, 'read');
  const appId = request.query.get('app_id');
  if (!appId) throw HttpError.detail(400, 'app_id is required');
  const branch = request.query.get('branch');
  const projectParam = request.query.get('project');
  const project = projectParam ? request.state.registry.project(org, projectParam) : undefined;
  if (projectParam && !project) throw HttpError.detail(404, 'Project not found');
  const record = request.state.snapshots
    .list()
    .find(
      ({ orgId, projectId, manifest }) =>
        orgId === org.id &&
        manifest.app_id === appId &&
        !manifest.base_sha &&
        (!branch || manifest.head_ref === branch) &&
        (!project || projectId === project.id),
    );
  if (!record) throw HttpError.detail(404, 'No base snapshot found');
  const images = Object.entries(record.manifest.images).map(([name, metadata]) => ({
    ...describeImage(name, metadata),
    image_url: imageUrl(request.state.url, org.slug, record, metadata.content_hash),
  }));
  const latest: LatestBase & { project_id: string } = {
    head_artifact_id: String(record.id),
    project_id: String(record.projectId),
    app_id: record.manifest.app_id,
    image_count: images.length,
    images,
    vcs_info: describeVcs(record),
  };
  sendJson(request.res, 200, latest);
};

/**
 * The bytes of one image. Open without a token, like the signed URLs Sentry hands out, so the
 * snapshot page's `<img>` tags can load it.
 */
export const getSnapshotImage: RouteHandler = async (request) => {
  const org = request.state.registry.organization(param(request, 'org'));
  if (!org) throw HttpError.detail(404, SnapshotNotFoundDetail);
  const record = findSnapshot(request, org);
  const hash = param(request, 'hash');
  const known = Object.entries(record.manifest.images).find(([, image]) => image.content_hash === hash);
  const mask = request.state.comparisons
    .get(record.id)
    ?.result?.changed.some((pair) => pair.diff_image_key === imageObjectId(record, hash).key);
  if (!known && !mask) throw HttpError.detail(404, 'Image not found');
  const object = imageObjectId(record, hash);
  const size = await request.state.objects.size(object);
  if (size === undefined) throw HttpError.detail(404, 'Image not found');
  // Diff masks are PNGs.
  const type = known && /\.jpe?g$/i.test(known[0]) ? 'image/jpeg' : 'image/png';
  request.res.writeHead(200, { 'content-type': type, 'content-length': size });
  request.state.objects.read(object).pipe(request.res);
};

export const getSnapshotPage: RouteHandler = async (request) => {
  const org = request.state.registry.organization(param(request, 'org'));
  if (!org) throw HttpError.detail(404, SnapshotNotFoundDetail);
  const record = findSnapshot(request, org);
  const comparison = request.state.comparisons.get(record.id);
  const base = comparison ? request.state.snapshots.get(comparison.baseId) : undefined;
  const page = renderSnapshotPage({
    baseUrl: request.state.url,
    orgSlug: org.slug,
    record,
    detail: detailOf(request, record),
    ...(comparison ? { comparison } : {}),
    ...(base ? { base } : {}),
  });
  sendHtml(request.res, 200, page);
};

/** `/`: every snapshot, linking to its page. Open without a token, like the pages. */
export const getSnapshotIndex: RouteHandler = async (request) => {
  const { registry, snapshots, url } = request.state;
  const rows = snapshots.list().flatMap((record) => {
    const org = registry.organizationById(record.orgId);
    const project = registry.projectById(record.projectId);
    if (!org || !project) return [];
    const description = descriptionOf(request, record);
    return [
      {
        id: record.id,
        appId: record.manifest.app_id,
        imageCount: Object.keys(record.manifest.images).length,
        pageUrl: snapshotPageUrl(url, org.slug, record),
        orgSlug: org.slug,
        projectSlug: project.slug,
        status: describeComparisonStatus(record, description),
        result: description.comparison?.result ?? null,
        createdAt: record.createdAt,
      },
    ];
  });
  sendHtml(request.res, 200, renderSnapshotIndexPage(rows));
};

export const getArchive: RouteHandler = async (request) => {
  const { org } = authorizeOrganization(request, 'read');
  const record = findSnapshot(request, org);
  const ready = await request.state.archives.isReady(record.id);
  if (!request.query.has('download')) {
    sendJson(request.res, 200, { ready });
    return;
  }
  if (!ready) throw HttpError.detail(409, 'Archive is not ready');
  const path = request.state.archives.pathOf(record.id);
  request.res.writeHead(200, {
    'content-type': 'application/zip',
    'content-disposition': `attachment; filename="snapshot-${record.id}.zip"`,
  });
  createReadStream(path).pipe(request.res);
};

export const postArchive: RouteHandler = async (request) => {
  const { org } = authorizeOrganization(request, 'read');
  const record = findSnapshot(request, org);
  const entries = Object.entries(record.manifest.images).map(([name, image]) => ({
    name,
    object: imageObjectId(record, image.content_hash),
  }));
  request.state.archives.build(record.id, entries).catch((error: unknown) => {
    request.state.options.logger.error('archive build failed', { id: record.id, error: String(error) });
  });
  sendJson(request.res, 202, { ready: false });
};
