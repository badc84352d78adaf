import type { ProjectConfig } from './emulator-options.js';
import { UsageError } from './usage-error.js';

// As Sentry's slugs, minus the all-digit ones, which the API reads as ids.
const slugPattern = /^(?!\d+$)[a-z0-9][a-z0-9_-]{0,49}$/i;

/**
 * The projects `--org` and `--project` allow, or `undefined` when neither is given. A project is
 * `org/project`, or a bare `project` of the one `--org`.
 */
export function listProjects(
  orgs: string[],
  projects: string[],
  fileEntries: string[],
): ProjectConfig[] | undefined {
  if (orgs.length === 0 && projects.length === 0 && fileEntries.length === 0) return undefined;
  for (const org of orgs) checkSlug(org, 'organization');
  const listed = [...projects, ...fileEntries].map((entry) => splitProject(entry, orgs));
  for (const org of orgs) {
    if (!listed.some((entry) => entry.org === org)) {
      throw new UsageError(
        `organization ${org} has no project`,
        `add --project <slug> (or --project ${org}/<slug>) for each project it should have`,
      );
    }
  }
  return listed;
}

/** The lines of a projects file: one `org/project` a line; blank lines and `#` comments are skipped. */
export function readProjectLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
}

function splitProject(entry: string, orgs: string[]): ProjectConfig {
  const parts = entry.split('/');
  if (parts.length === 2) {
    const [org = '', project = ''] = parts;
    return { org: checkSlug(org, 'organization'), project: checkSlug(project, 'project') };
  }
  if (parts.length > 2) checkSlug(entry, 'project');
  if (parts.length === 1 && orgs.length === 1)
    return { org: orgs[0] ?? '', project: checkSlug(entry, 'project') };
  throw new UsageError(
    `project ${JSON.stringify(entry)} names no single organization`,
    orgs.length === 0
      ? `add --org <slug>, or write the project as <org>/${entry}`
      : `with several --org, write the project as <org>/${entry}`,
  );
}

function checkSlug(slug: string, kind: 'organization' | 'project'): string {
  if (slugPattern.test(slug)) return slug;
  throw new UsageError(
    `${JSON.stringify(slug)} is not a valid ${kind} slug`,
    'a slug is up to 50 letters, digits, "-" or "_", starts with a letter or digit and is not all digits',
  );
}
