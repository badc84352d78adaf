import { HttpError } from './http-error.js';
import { param, type RouteRequest } from './route-request.js';

/**
 * Checks `x-os-auth: Bearer <jwt>` against the usecase and scope in the path. The object store
 * never accepts the Sentry token. With `nullAuthToken` (old servers) no token is asked for.
 */
export async function authorizeObjectStore(
  request: RouteRequest,
): Promise<{ usecase: string; scopes: string }> {
  const usecase = param(request, 'usecase');
  const scopes = param(request, 'scopes');
  const pathOrg = param(request, 'orgId');
  if (!scopes.split(';').includes(`org=${pathOrg}`)) {
    throw HttpError.objectStore(403, 'Scope does not match the organization', [`org ${pathOrg}`]);
  }
  if (request.state.options.compat.nullAuthToken) return { usecase, scopes };
  const header = request.req.headers['x-os-auth'];
  const token = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (!token) throw HttpError.objectStore(401, 'Missing auth token', ['x-os-auth header is required']);
  const check = await request.state.objectStoreTokens.check(token);
  if (!check.ok) throw HttpError.objectStore(401, check.detail);
  if (check.grant.usecase !== usecase || check.grant.scopes !== scopes) {
    throw HttpError.objectStore(403, 'Token not valid for this usecase and scope', [
      `token grants ${check.grant.usecase} ${check.grant.scopes}`,
    ]);
  }
  return { usecase, scopes };
}
