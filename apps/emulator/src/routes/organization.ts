import type { Organization } from '@sentry-snapshots/core/contract';
import { authorizeOrganization, authorizeProject } from '../authorize.js';
import type { RouteHandler } from '../route-request.js';
import { sendJson } from '../send-response.js';

/** The first call Sentry's TypeScript CLI makes: it reads where the organization's region lives. */
export const getOrganization: RouteHandler = async (request) => {
  const { org } = authorizeOrganization(request, 'read');
  const { url } = request.state;
  const answer: Organization = {
    id: String(org.id),
    slug: org.slug,
    name: org.name,
    features: ['preprod-snapshots'],
    links: { organizationUrl: url, regionUrl: url },
  };
  sendJson(request.res, 200, answer);
};

export const getProject: RouteHandler = async (request) => {
  const { org, project } = authorizeProject(request, 'read');
  sendJson(request.res, 200, {
    id: String(project.id),
    slug: project.slug,
    name: project.name,
    organization: { id: String(org.id), slug: org.slug, name: org.name },
  });
};
