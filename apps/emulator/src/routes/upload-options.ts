import type { UploadOptionsResponse } from '@sentry-snapshots/core/contract';
import { authorizeProject, requireSnapshotsFeature } from '../authorize.js';
import { HttpError } from '../http-error.js';
import type { RouteHandler } from '../route-request.js';
import { sendJson } from '../send-response.js';
import { formatScopes, objectStoreUsecase } from '../storage/image-object-id.js';

const expirationPolicy = 'tti:30d';

/** Where and how to store the bytes: the object store's URL, scope and a JWT for it. */
export const getUploadOptions: RouteHandler = async (request) => {
  const { org, project } = authorizeProject(request, 'write');
  requireSnapshotsFeature(request);
  const asked = request.query.get('usecase');
  if (asked !== null && (asked !== 'auto' || !request.state.options.compat.usecaseAuto)) {
    throw HttpError.detail(400, 'Invalid usecase');
  }
  const scopes: [string, string][] = [
    ['org', String(org.id)],
    ['project', String(project.id)],
  ];
  const authToken = request.state.options.compat.nullAuthToken
    ? null
    : await request.state.objectStoreTokens.issue({
        usecase: objectStoreUsecase,
        scopes: formatScopes(scopes),
      });
  const answer: UploadOptionsResponse = {
    objectstore: {
      url: `${request.state.url}/api/0/organizations/${org.id}/objectstore`,
      usecase: objectStoreUsecase,
      scopes,
      authToken,
      expirationPolicy,
    },
  };
  sendJson(request.res, 200, answer);
};
