import { createHash } from 'node:crypto';
import { type Logger, silentLogger } from '@sentry-snapshots/core';
import type { LinkShape } from './link-shaper.js';

/** A Sentry auth token the emulator accepts, with the scopes Sentry would grant it. */
export interface TokenConfig {
  token: string;
  scopes: string[];
  /** Limits the token to one organization (slug), as org auth tokens are. */
  org?: string;
}

/** Switches that make the emulator answer like an older Sentry, so client fallbacks can be tested. */
export interface CompatOptions {
  /** `false`: `usecase=auto` on upload-options answers 400 `Invalid usecase`. */
  usecaseAuto?: boolean;
  /** `false`: a zstd-encoded manifest is read as plain JSON and fails with `Invalid json body`. */
  zstd?: boolean;
  /** `true`: upload-options answers `authToken: null`, and the object store asks for no token. */
  nullAuthToken?: boolean;
  /** `false`: the object store has no batch endpoint (404). */
  batch?: boolean;
  /** `'old'`: a bad image answers the old generic `images` message. */
  imageErrors?: 'new' | 'old';
  /** `false`: snapshot endpoints answer 403 `Feature not enabled`. */
  snapshotsFeature?: boolean;
}

export interface ProjectConfig {
  org: string;
  project: string;
}

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Where objects, snapshots and state live; a restart with the same folder loses nothing. */
  dataDir: string;
  /** Accepted tokens; defaults to the demo token alone. */
  tokens?: TokenConfig[];
  /** When set, only these projects (and their organizations) exist; otherwise they appear on first use. */
  projects?: ProjectConfig[];
  /** Old project slug → new slug: those requests answer Sentry's 302 body. */
  renamedProjects?: Record<string, string>;
  compat?: CompatOptions;
  /** Snapshot creations allowed per organization per window. */
  rateLimit?: { limit: number; windowSeconds: number };
  /** Lifetime of the object store's JWT. */
  objectStoreTokenTtlSeconds?: number;
  /** What one object store request may carry: operations and bytes of a batch, bytes of one object once decoded. */
  objectStoreLimits?: { maxBatchOperations?: number; maxBatchBytes?: number; maxObjectBytes?: number };
  /** How long a head waits for its base before it reports `no_base_build`; 10 minutes, as on Sentry. */
  baseGraceMs?: number;
  /** A far network in front of the server: a delay on every answer, a shared uplink for request bodies. */
  link?: LinkShape;
  logger?: Logger;
}

/** Scopes of which a write needs one. */
export const writeScopes = ['project:write', 'project:admin', 'project:releases', 'org:ci'] as const;
export const readScopes = [...writeScopes, 'project:read', 'org:read', 'org:write', 'org:admin'] as const;

/** A stable demo token, printed by the bin; it looks like a Sentry user token. */
export const DEMO_TOKEN = `sntryu_${createHash('sha256').update('sentry-snapshots-emulator demo').digest('hex')}`;

const demoToken: TokenConfig = {
  token: DEMO_TOKEN,
  scopes: ['org:read', 'project:read', 'project:write', 'project:releases', 'org:ci'],
};

export type ResolvedOptions = Required<
  Omit<EmulatorOptions, 'projects' | 'compat' | 'objectStoreLimits' | 'link'>
> & {
  link: LinkShape | undefined;
  projects: ProjectConfig[] | undefined;
  compat: Required<CompatOptions>;
  objectStoreLimits: { maxBatchOperations: number; maxBatchBytes: number; maxObjectBytes: number };
};

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    dataDir: options.dataDir,
    tokens: options.tokens ?? [demoToken],
    projects: options.projects,
    renamedProjects: options.renamedProjects ?? {},
    compat: {
      usecaseAuto: true,
      zstd: true,
      nullAuthToken: false,
      batch: true,
      imageErrors: 'new',
      snapshotsFeature: true,
      ...options.compat,
    },
    rateLimit: options.rateLimit ?? { limit: 100, windowSeconds: 60 },
    objectStoreTokenTtlSeconds: options.objectStoreTokenTtlSeconds ?? 3600,
    objectStoreLimits: {
      maxBatchOperations: options.objectStoreLimits?.maxBatchOperations ?? 1000,
      maxBatchBytes: options.objectStoreLimits?.maxBatchBytes ?? 100 * 1000 * 1000,
      maxObjectBytes: options.objectStoreLimits?.maxObjectBytes ?? 1024 * 1024 * 1024,
    },
    baseGraceMs: options.baseGraceMs ?? 10 * 60 * 1000,
    link: options.link?.latencyMs || options.link?.uplinkMbps ? options.link : undefined,
    logger: options.logger ?? silentLogger,
  };
}
