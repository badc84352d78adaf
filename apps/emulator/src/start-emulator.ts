import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Readable, Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ComparisonScheduler } from './comparison-scheduler.js';
import { type EmulatorOptions, resolveOptions, type TokenConfig } from './emulator-options.js';
import { type Fault, type FaultInjector, FaultList } from './fault-injector.js';
import { HttpError } from './http-error.js';
import { startShapedLink } from './link-shaper.js';
import { ObjectStoreTokens } from './object-store-token.js';
import { encodeOrgAuthToken } from './org-auth-token.js';
import { RateLimiter } from './rate-limiter.js';
import { countRequest, createRequestStats, type RequestStats, resetRequestStats } from './request-stats.js';
import type { EmulatorState, RouteRequest } from './route-request.js';
import { createRouteTable, type Route } from './route-table.js';
import { sendJson } from './send-response.js';
import { ApprovalStorage } from './storage/approval-storage.js';
import { ArchiveBuilder } from './storage/archive-builder.js';
import { ComparisonStorage } from './storage/comparison-storage.js';
import { ObjectStorage } from './storage/object-storage.js';
import { ProjectRegistry } from './storage/project-registry.js';
import { type SnapshotRecord, SnapshotStorage } from './storage/snapshot-storage.js';

export interface Emulator {
  /** Base URL, no trailing slash: use it as `SENTRY_URL`. */
  readonly url: string;
  /** The first configured token (the demo token by default). */
  readonly token: string;
  /** Live counters; `resetStats()` zeroes them. */
  readonly stats: RequestStats;
  readonly faults: FaultInjector;
  resetStats(): void;
  addToken(token: TokenConfig): void;
  /** Mints an org auth token (`sntrys_…`) carrying this emulator's URL, limited to `org`. */
  createOrgAuthToken(org: string, scopes?: string[]): string;
  /** Invalidates every object-store JWT issued so far; clients must ask upload-options again. */
  revokeObjectStoreTokens(): Promise<void>;
  /** A stored snapshot with its manifest exactly as validated, for assertions. */
  getSnapshot(artifactId: string | number): SnapshotRecord | undefined;
  /** Resolves once no comparison is queued or running, and their records are on disk. */
  settleComparisons(): Promise<void>;
  /**
   * Approves a snapshot's changes as the approve endpoint does; resolves once that is on disk,
   * `false` when it was approved already. Throws for an unknown snapshot.
   */
  approveSnapshot(artifactId: string | number): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts a local server that speaks Sentry's snapshot API and object store. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const resolved = resolveOptions(options);
  await mkdir(resolved.dataDir, { recursive: true });
  const objects = new ObjectStorage(resolved.dataDir);
  const snapshots = await SnapshotStorage.open(resolved.dataDir);
  const comparisons = new ComparisonScheduler(
    snapshots,
    objects,
    await ComparisonStorage.open(resolved.dataDir),
    resolved.logger,
  );
  const state: EmulatorState = {
    options: resolved,
    url: '',
    tokens: [...resolved.tokens],
    registry: await ProjectRegistry.open(resolved.dataDir, resolved.projects, resolved.logger),
    objects,
    snapshots,
    comparisons,
    approvals: await ApprovalStorage.open(resolved.dataDir),
    archives: new ArchiveBuilder(resolved.dataDir, objects),
    objectStoreTokens: await ObjectStoreTokens.open(resolved.dataDir, resolved.objectStoreTokenTtlSeconds),
    rateLimiter: new RateLimiter(resolved.rateLimit.limit, resolved.rateLimit.windowSeconds * 1000),
    stats: createRequestStats(),
  };
  const faults = new FaultList();
  const router = createRouteTable();

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      resolved.logger.error('request failed', { url: req.url, error: String(error) });
      if (!res.headersSent) sendJson(res, 500, { detail: 'Internal Error' });
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
    const found = router.find(method as 'GET', path);
    const route = found?.store as Route | undefined;
    countRequest(state.stats, method, route?.name ?? 'unmatched');

    const fault = faults.take(method, rawUrl);
    if (fault && (await applyFault(fault, req, res))) return;

    if (!found || !route) {
      state.stats.unmatched.push(`${method} ${path}`);
      resolved.logger.warn('no route for request', { method, path });
      await discardBody(req);
      sendJson(res, 404, { detail: 'Not Found' });
      return;
    }
    const body = countBody(req, state.stats);
    const request: RouteRequest = { req, res, body, params: found.params, query, path, state };
    try {
      await route.handler(request);
    } catch (error) {
      await discardBody(req);
      if (!(error instanceof HttpError)) throw error;
      sendJson(res, error.status, error.body, error.headers);
    }
  }

  // Behind a shaped link the server itself listens on a loopback port of its own.
  const { link: shape } = resolved;
  server.listen(shape ? 0 : resolved.port, shape ? '127.0.0.1' : resolved.host);
  await once(server, 'listening');
  const link = shape && (await startShapedLink(shape, server.address() as AddressInfo, resolved));
  const port = link ? link.port : (server.address() as AddressInfo).port;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  state.url = `http://${host}:${port}`;
  comparisons.resume();

  return {
    url: state.url,
    token: state.tokens[0]?.token ?? '',
    stats: state.stats,
    faults,
    resetStats: () => resetRequestStats(state.stats),
    addToken: (token) => {
      state.tokens.push(token);
    },
    createOrgAuthToken: (org, scopes = ['org:ci']) => {
      const token = encodeOrgAuthToken({
        iat: Math.floor(Date.now() / 1000),
        url: state.url,
        region_url: state.url,
        org,
      });
      state.tokens.push({ token, scopes, org });
      return token;
    },
    revokeObjectStoreTokens: () => state.objectStoreTokens.revokeAll(),
    getSnapshot: (artifactId) => state.snapshots.get(Number(artifactId)),
    settleComparisons: () => comparisons.settle(),
    approveSnapshot: async (artifactId) => {
      const record = state.snapshots.get(Number(artifactId));
      if (!record) throw new Error(`Snapshot ${artifactId} not found`);
      return state.approvals.approve(record.id, Date.now());
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await link?.close();
      await closed;
      await comparisons.close();
      await state.archives.settle();
      await state.registry.flush();
    },
  };
}

/** Answers `true` when the fault took the request over, `false` when it only delayed it. */
async function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.dropConnection) {
    req.socket.destroy();
    return true;
  }
  if (fault.status === undefined) return false;
  await discardBody(req);
  const body = fault.body ?? { detail: 'Injected fault' };
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(fault.status, {
    'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
    'content-length': Buffer.byteLength(text),
    ...fault.headers,
  });
  res.end(text);
  return true;
}

/**
 * Reads what is left of a body before an early answer: a client still sending would otherwise see
 * a reset instead of the status.
 */
async function discardBody(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  req.unpipe();
  req.resume();
  await finished(req).catch(() => {});
}

/** The request body, counted into the stats as it flows. */
function countBody(req: IncomingMessage, stats: RequestStats): Readable {
  if (req.method === 'GET' || req.method === 'HEAD') return req;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      stats.bytesReceived += chunk.length;
      callback(null, chunk);
    },
  });
  req.on('error', (error) => counter.destroy(error));
  return req.pipe(counter);
}
