import {
  type CreateSnapshotResponse,
  createSnapshotMessages,
  MAX_MANIFEST_BYTES,
  nestsDeeperThan,
  rateLimitDetail,
  validateSnapshotManifest,
} from '@sentry-snapshots/core/contract';
import { authorizeProject, requireSnapshotsFeature } from '../authorize.js';
import { readContentEncoding } from '../content-encoding.js';
import { HttpError } from '../http-error.js';
import { MAX_JSON_DEPTH } from '../json-depth.js';
import { BodyTooLargeError, readBody } from '../read-body.js';
import type { RouteHandler } from '../route-request.js';
import { sendJson } from '../send-response.js';
import { snapshotPageUrl } from '../snapshot-page.js';
import { decodeZstd } from '../zstd-decoder.js';

/** `POST projects/{org}/{project}/preprodartifacts/snapshots/`: validates the manifest and stores it. */
export const createSnapshot: RouteHandler = async (request) => {
  const { org, project } = authorizeProject(request, 'write');
  requireSnapshotsFeature(request);
  const { options, rateLimiter, snapshots } = request.state;
  const { limit, windowSeconds } = options.rateLimit;
  const verdict = rateLimiter.hit(`org:${org.id}`, Date.now());
  if (!verdict.allowed) {
    throw HttpError.detail(429, rateLimitDetail(limit, windowSeconds), {
      'retry-after': String(verdict.retryAfterSeconds),
    });
  }
  const manifest = await readManifest(request);
  const validation = validateSnapshotManifest(manifest);
  if (!validation.ok) {
    const oldServer =
      options.compat.imageErrors === 'old' && validation.detail.startsWith('Validation error in image');
    throw HttpError.detail(400, oldServer ? createSnapshotMessages.images : validation.detail);
  }
  const record = await snapshots.create({
    orgId: org.id,
    projectId: project.id,
    manifest: validation.manifest,
    createdAt: Date.now(),
  });
  request.state.comparisons.onCreated(record);
  const answer: CreateSnapshotResponse = {
    artifactId: String(record.id),
    snapshotMetricsId: String(record.metricsId),
    imageCount: Object.keys(record.manifest.images).length,
    snapshotUrl: snapshotPageUrl(request.state.url, org.slug, record),
  };
  sendJson(request.res, 200, answer);
};

async function readManifest(request: Parameters<RouteHandler>[0]): Promise<unknown> {
  const encoding = readContentEncoding(request.req.headers['content-encoding']);
  let raw: Buffer;
  try {
    raw = await readBody(request.body, MAX_MANIFEST_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw HttpError.detail(413, 'Request body too large');
    throw error;
  }
  // Old servers ignore the encoding and fail to read the bytes as JSON.
  if (encoding === 'zstd' && request.state.options.compat.zstd) {
    try {
      raw = await decodeZstd(raw, MAX_MANIFEST_BYTES);
    } catch {
      throw HttpError.detail(400, 'Invalid zstd payload');
    }
  }
  const text = raw.toString('utf8');
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw HttpError.detail(400, createSnapshotMessages.invalidJson);
  try {
    return JSON.parse(text);
  } catch {
    throw HttpError.detail(400, createSnapshotMessages.invalidJson);
  }
}
