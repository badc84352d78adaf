import { authorizeOrganization } from '../authorize.js';
import { HttpError } from '../http-error.js';
import { BodyTooLargeError, readBody } from '../read-body.js';
import type { RouteHandler, RouteRequest } from '../route-request.js';
import { sendJson } from '../send-response.js';
import { findSnapshot } from './find-snapshot.js';

/** What the emulator can approve: it has snapshots, not Sentry's size analysis. */
const featureTypes = ['snapshots'];
/** A `{"feature_type": …}` body is a few bytes; anything near this is not one. */
const maxBodyBytes = 64 * 1024;

/**
 * `POST organizations/{org}/preprodartifacts/{id}/approve/` with `{"feature_type": "snapshots"}`:
 * what Sentry's Approve button sends. 201 `Approved`, then 200 `Already approved`.
 */
export const approveSnapshot: RouteHandler = async (request) => {
  const { org } = authorizeOrganization(request, 'write');
  if (!featureTypes.includes(await readFeatureType(request))) {
    throw HttpError.detail(400, `feature_type must be one of: ${featureTypes.join(', ')}`);
  }
  const record = findSnapshot(request, org, 'Artifact not found');
  const approved = await request.state.approvals.approve(record.id, Date.now());
  sendJson(request.res, approved ? 201 : 200, { detail: approved ? 'Approved' : 'Already approved' });
};

/** The body's `feature_type`, or `''` when the body is no JSON object that names one. */
async function readFeatureType(request: RouteRequest): Promise<string> {
  let raw: Buffer;
  try {
    raw = await readBody(request.body, maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw HttpError.detail(413, 'Request body too large');
    throw error;
  }
  const text = raw.toString('utf8');
  // Sentry reads the field from a form body too.
  if (request.req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(text).get('feature_type') ?? '';
  }
  try {
    const body: unknown = JSON.parse(text);
    const featureType = (body as { feature_type?: unknown } | null)?.feature_type;
    return typeof featureType === 'string' ? featureType : '';
  } catch {
    return '';
  }
}
