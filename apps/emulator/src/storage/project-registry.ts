import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@sentry-snapshots/core';
import type { ProjectConfig } from '../emulator-options.js';
import { writeFileAtomically } from './write-file-atomically.js';

export interface Organization {
  id: number;
  slug: string;
  name: string;
}

export interface Project {
  id: number;
  slug: string;
  name: string;
  orgId: number;
}

interface RegistryFile {
  organizations: Organization[];
  projects: Project[];
}

/**
 * Organizations and projects, by id or slug, kept in `registry.json`. Without a configured list they
 * appear on first use; with one, only the listed ones exist, even if an earlier run created others.
 */
export class ProjectRegistry {
  readonly #path: string;
  readonly #logger: Logger;
  /** The configured organizations and projects, or `undefined` when any appears on first use. */
  #allowed: Set<Organization | Project> | undefined;
  #data: RegistryFile = { organizations: [], projects: [] };
  #saving: Promise<void> = Promise.resolve();

  private constructor(dataDir: string, logger: Logger) {
    this.#path = join(dataDir, 'registry.json');
    this.#logger = logger;
  }

  static async open(
    dataDir: string,
    configured: ProjectConfig[] | undefined,
    logger: Logger,
  ): Promise<ProjectRegistry> {
    const registry = new ProjectRegistry(dataDir, logger);
    try {
      registry.#data = JSON.parse(await readFile(registry.#path, 'utf8')) as RegistryFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (configured) {
      registry.#allowed = new Set();
      for (const { org, project } of configured) {
        const organization = registry.#addOrganization(org);
        registry.#allowed.add(organization).add(registry.#addProject(organization, project));
      }
    }
    await registry.#save();
    return registry;
  }

  organization(idOrSlug: string): Organization | undefined {
    const found = this.#data.organizations.find((org) => matches(org, idOrSlug));
    if (this.#allowed) return found && this.#allowed.has(found) ? found : undefined;
    if (found || /^\d+$/.test(idOrSlug)) return found;
    const created = this.#addOrganization(idOrSlug);
    this.#logger.info(`created organization ${idOrSlug} on first use`, { org: idOrSlug });
    this.#save().catch(() => {});
    return created;
  }

  organizationById(id: number): Organization | undefined {
    return this.#data.organizations.find((org) => org.id === id);
  }

  project(org: Organization, idOrSlug: string): Project | undefined {
    const found = this.#data.projects.find(
      (project) => project.orgId === org.id && matches(project, idOrSlug),
    );
    if (this.#allowed) return found && this.#allowed.has(found) ? found : undefined;
    if (found || /^\d+$/.test(idOrSlug)) return found;
    const created = this.#addProject(org, idOrSlug);
    this.#logger.info(`created project ${org.slug}/${idOrSlug} on first use`, {
      org: org.slug,
      project: idOrSlug,
    });
    this.#save().catch(() => {});
    return created;
  }

  projectById(id: number): Project | undefined {
    return this.#data.projects.find((project) => project.id === id);
  }

  /** Waits for pending writes, so a restart right after sees everything. */
  flush(): Promise<void> {
    return this.#saving;
  }

  #addOrganization(slug: string): Organization {
    const existing = this.#data.organizations.find((org) => org.slug === slug);
    if (existing) return existing;
    const org = { id: nextId(this.#data.organizations), slug, name: slug };
    this.#data.organizations.push(org);
    return org;
  }

  #addProject(org: Organization, slug: string): Project {
    const existing = this.#data.projects.find((project) => project.orgId === org.id && project.slug === slug);
    if (existing) return existing;
    // Project ids start far from organization ids so a mix-up shows in tests.
    const project = { id: Math.max(100, nextId(this.#data.projects)), slug, name: slug, orgId: org.id };
    this.#data.projects.push(project);
    return project;
  }

  /** Writes in order; a failed write does not stop later ones, and `flush` reports the last. */
  #save(): Promise<void> {
    const snapshot = JSON.stringify(this.#data, null, 2);
    this.#saving = this.#saving.catch(() => {}).then(() => writeFileAtomically(this.#path, snapshot));
    return this.#saving;
  }
}

function matches(entity: { id: number; slug: string }, idOrSlug: string): boolean {
  return entity.slug === idOrSlug || String(entity.id) === idOrSlug;
}

function nextId(entities: { id: number }[]): number {
  return entities.reduce((max, entity) => Math.max(max, entity.id), 0) + 1;
}
