import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { ComparisonScheduler } from './comparison-scheduler.js';
import type { ResolvedOptions, TokenConfig } from './emulator-options.js';
import type { ObjectStoreTokens } from './object-store-token.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RequestStats } from './request-stats.js';
import type { ApprovalStorage } from './storage/approval-storage.js';
import type { ArchiveBuilder } from './storage/archive-builder.js';
import type { ObjectStorage } from './storage/object-storage.js';
import type { ProjectRegistry } from './storage/project-registry.js';
import type { SnapshotStorage } from './storage/snapshot-storage.js';

/** Everything a route can reach: the emulator's state, shared by all requests. */
export interface EmulatorState {
  options: ResolvedOptions;
  /** Own base URL, no trailing slash. */
  url: string;
  tokens: TokenConfig[];
  registry: ProjectRegistry;
  objects: ObjectStorage;
  snapshots: SnapshotStorage;
  comparisons: ComparisonScheduler;
  approvals: ApprovalStorage;
  archives: ArchiveBuilder;
  objectStoreTokens: ObjectStoreTokens;
  rateLimiter: RateLimiter;
  stats: RequestStats;
}

export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  /** The request body, counted into the stats as it is read. */
  body: Readable;
  params: Record<string, string | undefined>;
  query: URLSearchParams;
  /** Path without the query. */
  path: string;
  state: EmulatorState;
}

export type RouteHandler = (request: RouteRequest) => Promise<void>;

export function param(request: RouteRequest, name: string): string {
  return request.params[name] ?? '';
}
