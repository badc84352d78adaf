import { readScopes, type TokenConfig, writeScopes } from './emulator-options.js';
import { HttpError } from './http-error.js';
import { param, type RouteRequest } from './route-request.js';
import type { Organization, Project } from './storage/project-registry.js';

export type Access = 'read' | 'write';

export const notFoundDetail = 'The requested resource does not exist';
export const forbiddenDetail = 'You do not have permission to perform this action.';

/** The caller's token, from `Authorization: Bearer <token>`, or a 401 as Sentry answers it. */
export function authenticate(request: RouteRequest): TokenConfig {
  const header = request.req.headers.authorization;
  if (!header) throw HttpError.detail(401, 'Authentication credentials were not provided.');
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  const token = request.state.tokens.find((candidate) => candidate.token === presented);
  if (!token) throw HttpError.detail(401, 'Invalid token');
  return token;
}

export function authorizeOrganization(
  request: RouteRequest,
  access: Access,
): { token: TokenConfig; org: Organization } {
  const token = authenticate(request);
  const org = request.state.registry.organization(param(request, 'org'));
  if (!org) throw HttpError.detail(404, notFoundDetail);
  if (token.org !== undefined && token.org !== org.slug) throw HttpError.detail(403, forbiddenDetail);
  const allowed: readonly string[] = access === 'write' ? writeScopes : readScopes;
  if (!token.scopes.some((scope) => allowed.includes(scope))) throw HttpError.detail(403, forbiddenDetail);
  return { token, org };
}

/** Checks token, organization and project in Sentry's order: 401, 404, 403, then 302 for a renamed project. */
export function authorizeProject(
  request: RouteRequest,
  access: Access,
): { token: TokenConfig; org: Organization; project: Project } {
  const { token, org } = authorizeOrganization(request, access);
  const slug = param(request, 'project');
  const renamedTo = request.state.options.renamedProjects[slug];
  if (renamedTo !== undefined) throw projectMoved(request.path, org, renamedTo);
  const project = request.state.registry.project(org, slug);
  if (!project) throw HttpError.detail(404, notFoundDetail);
  return { token, org, project };
}

export function requireSnapshotsFeature(request: RouteRequest): void {
  if (!request.state.options.compat.snapshotsFeature) throw HttpError.detail(403, 'Feature not enabled');
}

function projectMoved(path: string, org: Organization, newSlug: string): HttpError {
  const prefix = /^\/api\/0\/projects\/[^/]+\/[^/]+/;
  const url = path.replace(prefix, `/api/0/projects/${org.slug}/${encodeURIComponent(newSlug)}`);
  return new HttpError(302, {
    slug: newSlug,
    detail: {
      code: 'resource-moved',
      message: 'Resource has been moved',
      extra: { url, slug: newSlug },
    },
  });
}
