import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { SnapshotsError } from '../errors.js';
import {
  ArchiveStatusSchema,
  type CreateSnapshotResponse,
  CreateSnapshotResponseSchema,
  createSnapshotMessages,
  isValidatedManifest,
  type LatestBase,
  LatestBaseSchema,
  type ObjectStoreOptions,
  type Organization,
  OrganizationSchema,
  type SnapshotDetail,
  SnapshotDetailSchema,
  type SnapshotManifest,
  UploadOptionsResponseSchema,
  validateSnapshotManifest,
} from '../schemas/index.js';
import { userAgent } from '../version.js';
import type { World } from '../world.js';
import { type ApiAnswer, type ApiTarget, answerDetail, apiError, readAnswer } from './api-error.js';
import type { CallKind } from './http-timeouts.js';
import { encodeManifestJson } from './manifest-json.js';
import {
  createHttpContext,
  type HttpResponse,
  type HttpStats,
  idempotentRetry,
  type RequestBody,
  type RetryRule,
  sendRequest,
  withoutAuthorization,
} from './send-request.js';
import { classifyTransportError, transportError } from './transport-failure.js';
import { detectZstd, type ZstdCompress } from './zstd-compress.js';

export interface SentryClientOptions {
  /** The Sentry URL, e.g. `https://sentry.io/`. */
  url: string;
  authToken: string;
  /** Extra headers on every API call (`--header KEY:VALUE`). */
  headers?: Record<string, string>;
  /** The HTTP timeout; else the world's, else `SENTRY_HTTP_TIMEOUT`, else 20 s. */
  timeoutMs?: number;
  /** Retries after the first attempt; else `SENTRY_HTTP_MAX_RETRIES`, else 4. */
  maxRetries?: number;
  /** Compressor for the create request; defaults to `node:zlib`'s where the runtime has it, `false` sends plain JSON. */
  zstd?: ZstdCompress | false;
}

export interface LatestBaseQuery {
  appId: string;
  branch?: string;
  project?: string;
}

export interface SentryClient {
  getOrganization(org: string): Promise<Organization>;
  /** Where and how to store the bytes; asks with `usecase=auto`, and again without it on servers that do not know it. */
  getUploadOptions(org: string, project: string): Promise<ObjectStoreOptions>;
  /** Posts the manifest, zstd-compressed when the runtime can and the server has not refused it. */
  createSnapshot(org: string, project: string, manifest: SnapshotManifest): Promise<CreateSnapshotResponse>;
  getSnapshot(org: string, artifactId: string): Promise<SnapshotDetail>;
  /** The newest snapshot uploaded without a base, or undefined when there is none. */
  getLatestBase(org: string, query: LatestBaseQuery): Promise<LatestBase | undefined>;
  getArchiveStatus(org: string, artifactId: string): Promise<{ ready: boolean }>;
  startArchive(org: string, artifactId: string): Promise<void>;
  /** Writes the zip of a snapshot's images to a file (resolved against the world's cwd) or a stream. */
  downloadArchive(
    org: string,
    artifactId: string,
    destination: string | Writable,
  ): Promise<{ bytes: number }>;
  readonly stats: Readonly<HttpStats>;
}

const DEFAULT_MAX_RETRIES = 4;
/** Snapshot details and the latest base list every image: thousands of entries of a few hundred bytes. */
const IMAGE_LIST_ANSWER_BYTES = 64 * 1024 * 1024;

/** The create POST is not idempotent: each accepted POST makes a new snapshot artifact. */
const createRetry: RetryRule = {
  // 429 and 503 mean the request was turned away before any work. 502 and 504 come from a
  // gateway and may hide a snapshot that was created anyway; we retry them still, because the
  // worst case is a second, identical snapshot of the same commit (comparisons use the newest
  // one), while giving up turns a passing blip into a failed CI job. 500 is not retried: the
  // server may have created the snapshot, and its bug would most likely repeat.
  status: (status) => status === 429 || status === 502 || status === 503 || status === 504,
  // Retried only when no response arrived because the connection failed; a response timeout
  // means the server holds the request and is likely still creating the snapshot.
  failure: (failure) => failure.kind === 'connect' || failure.kind === 'connection',
};

/** A 400 to a compressed body from a server that cannot decode zstd (or this client's zstd). */
const zstdRefusals: ReadonlySet<string> = new Set([
  createSnapshotMessages.invalidJson,
  'Unsupported Content-Encoding',
  'Invalid zstd payload',
]);

interface Call {
  method: Dispatcher.HttpMethod;
  path: string;
  query?: Record<string, string | undefined>;
  target: ApiTarget;
  /** For error messages: "create a snapshot in o/p". */
  what: string;
  body?: Uint8Array;
  headers?: Record<string, string>;
  retry?: RetryRule;
  /** Sentry answers 302 to this request when the project was renamed; to any other, a redirect is foreign. */
  renamable?: boolean;
  kind?: CallKind;
  /** The bound of a success answer; 1 MiB unless set. */
  maxAnswerBytes?: number;
}

export function createSentryClient(options: SentryClientOptions, world: World): SentryClient {
  const base = parseBaseUrl(options.url);
  const context = createHttpContext(
    {
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      defaultMaxRetries: DEFAULT_MAX_RETRIES,
    },
    world,
  );
  const { stats } = context;
  const baseHeaders: Record<string, string> = {
    'user-agent': userAgent,
    ...withoutAuthorization(options.headers ?? {}),
    authorization: `Bearer ${options.authToken}`,
  };
  let zstd = options.zstd === undefined ? detectZstd() : options.zstd || undefined;

  function urlOf(call: Pick<Call, 'path' | 'query'>): string {
    const url = new URL(`api/0/${call.path}`, base);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    return url.toString();
  }

  function send(call: Call): Promise<HttpResponse> {
    const body = call.body;
    return sendRequest(context, {
      method: call.method,
      url: urlOf(call),
      headers: { ...baseHeaders, ...call.headers },
      ...(body === undefined ? {} : { body: (): RequestBody => body }),
      retry: call.retry ?? idempotentRetry,
      kind: call.kind,
    });
  }

  async function ask(call: Call): Promise<ApiAnswer> {
    return readAnswer(await send(call), call.maxAnswerBytes);
  }

  function parseAnswer<S extends z.ZodType>(schema: S, answer: ApiAnswer, call: Call): z.output<S> {
    checkSuccess(answer, call);
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) {
      // Our own schemas' messages say what was wrong; zod's own ones only that something was.
      const issue = parsed.error.issues[0];
      const known = issue?.code === 'custom' && issue.params?.answerIssue === true;
      const path = issue?.path.length ? ` (${issue.path.join('.')})` : '';
      throw new SnapshotsError(
        'INVALID_RESPONSE',
        known
          ? `Sentry's answer to the request to ${call.what} ${issue.message}${path}.`
          : `Sentry's answer to the request to ${call.what} is not what the API describes.`,
        {
          status: answer.status,
          details: { ...call.target, issues: parsed.error.issues.slice(0, 5) },
          hint: 'The server may be too old for snapshots, or a proxy answered instead of Sentry.',
        },
      );
    }
    return parsed.data;
  }

  const snapshotPath = (org: string, artifactId: string) =>
    `organizations/${segment(org)}/preprodartifacts/snapshots/${segment(artifactId)}/`;

  function archiveCall(org: string, artifactId: string, method: Dispatcher.HttpMethod, what: string): Call {
    return { method, path: `${snapshotPath(org, artifactId)}archive/`, target: { org, artifactId }, what };
  }

  return {
    get stats() {
      return stats;
    },

    async getOrganization(org) {
      const call: Call = {
        method: 'GET',
        path: `organizations/${segment(org)}/`,
        target: { org },
        what: `read organization '${org}'`,
      };
      return parseAnswer(OrganizationSchema, await ask(call), call);
    },

    async getUploadOptions(org, project) {
      const call: Call = {
        method: 'GET',
        path: `projects/${segment(org)}/${segment(project)}/preprodartifacts/snapshots/upload-options/`,
        query: { usecase: 'auto' },
        target: { org, project },
        what: `get upload options for ${org}/${project}`,
        renamable: true,
      };
      let answer = await ask(call);
      if (answer.status === 400 && answerDetail(answer.body) === 'Invalid usecase') {
        // Servers before `usecase=auto` answer with their only use case when asked without one.
        const plain = { ...call, query: {} };
        answer = await ask(plain);
      }
      return parseAnswer(UploadOptionsResponseSchema, answer, call).objectstore;
    },

    async createSnapshot(org, project, manifest) {
      // A manifest from `buildManifest` has passed these rules already; others are checked here.
      const validation = isValidatedManifest(manifest) ? undefined : validateSnapshotManifest(manifest);
      if (validation?.ok === false) {
        throw new SnapshotsError('INVALID_MANIFEST', validation.detail, {
          details: { org, project },
          hint: 'Sentry would refuse this snapshot with the same message; fix the manifest or the options that fill it.',
        });
      }
      const json = encodeManifestJson(manifest);
      const call: Call = {
        method: 'POST',
        path: `projects/${segment(org)}/${segment(project)}/preprodartifacts/snapshots/`,
        target: { org, project },
        what: `create a snapshot in ${org}/${project}`,
        body: json,
        headers: { 'content-type': 'application/json' },
        retry: createRetry,
        renamable: true,
        kind: 'create',
      };
      const compress = zstd;
      if (compress !== undefined) {
        const compressed: Call = {
          ...call,
          body: await compress(json),
          headers: { ...call.headers, 'content-encoding': 'zstd' },
        };
        const answer = await ask(compressed);
        const detail = answerDetail(answer.body);
        if (answer.status !== 400 || detail === undefined || !zstdRefusals.has(detail)) {
          return parseAnswer(CreateSnapshotResponseSchema, answer, call);
        }
        world.logger.debug('server refused a zstd body; sending JSON from now on', { detail });
        zstd = undefined;
      }
      return parseAnswer(CreateSnapshotResponseSchema, await ask(call), call);
    },

    async getSnapshot(org, artifactId) {
      const call: Call = {
        method: 'GET',
        path: snapshotPath(org, artifactId),
        target: { org, artifactId },
        what: `read snapshot '${artifactId}'`,
        maxAnswerBytes: IMAGE_LIST_ANSWER_BYTES,
      };
      return parseAnswer(SnapshotDetailSchema, await ask(call), call);
    },

    async getLatestBase(org, query) {
      const call: Call = {
        method: 'GET',
        path: `organizations/${segment(org)}/preprodartifacts/snapshots/latest-base/`,
        query: { app_id: query.appId, branch: query.branch, project: query.project },
        target: { org, ...(query.project === undefined ? {} : { project: query.project }) },
        what: `find the latest base snapshot of '${query.appId}'`,
        maxAnswerBytes: IMAGE_LIST_ANSWER_BYTES,
      };
      const answer = await ask(call);
      if (answer.status === 404) return undefined;
      return parseAnswer(LatestBaseSchema, answer, call);
    },

    async getArchiveStatus(org, artifactId) {
      const call = archiveCall(org, artifactId, 'GET', `read the archive status of snapshot '${artifactId}'`);
      return parseAnswer(ArchiveStatusSchema, await ask(call), call);
    },

    async startArchive(org, artifactId) {
      // Asking twice to build the same archive is harmless, so the idempotent rule applies.
      const call = archiveCall(org, artifactId, 'POST', `start the archive of snapshot '${artifactId}'`);
      checkSuccess(await ask(call), call);
    },

    async downloadArchive(org, artifactId, destination) {
      const call = archiveCall(org, artifactId, 'GET', `download the archive of snapshot '${artifactId}'`);
      // The server checks for the bare flag `?download`.
      const response = await send({ ...call, path: `${call.path}?download`, kind: 'download' });
      if (isRedirect(response.statusCode)) {
        await response.body.dump();
        throw redirectError(response.statusCode, call);
      }
      if (response.statusCode === 409) {
        await response.body.dump();
        throw new SnapshotsError(
          'ARCHIVE_NOT_READY',
          `The archive of snapshot '${artifactId}' is not ready yet.`,
          {
            status: 409,
            details: { org, artifactId },
            hint: 'Start it with startArchive and wait until its status says ready.',
          },
        );
      }
      if (response.statusCode !== 200) throw apiError(await readAnswer(response), call.target, call.what);
      let bytes = 0;
      response.body.on('data', (chunk: Buffer) => {
        bytes += chunk.byteLength;
      });
      // A file is written beside its target and renamed, so a broken download never looks complete.
      const path = typeof destination === 'string' ? resolve(world.cwd, destination) : undefined;
      const partial = `${path}.partial`;
      try {
        await pipeline(
          response.body,
          path === undefined ? (destination as Writable) : createWriteStream(partial),
        );
        if (path !== undefined) await rename(partial, path);
      } catch (error) {
        // A failing removal must not hide why the download failed.
        if (path !== undefined) await rm(partial, { force: true }).catch(() => {});
        const failure = classifyTransportError(error, world.signal);
        throw failure.kind === 'other'
          ? error
          : transportError(failure, urlOf(call), { timeouts: response.timeouts });
      }
      return { bytes };
    },
  };
}

/** Throws the error for an answer that is not a success. */
function checkSuccess(answer: ApiAnswer, call: Call): void {
  if (answer.status >= 200 && answer.status < 300) return;
  if (isRedirect(answer.status) && !call.renamable) throw redirectError(answer.status, call);
  throw apiError(answer, call.target, call.what);
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** Never followed: a redirect would take the token, or the download, to a place nobody chose. */
function redirectError(status: number, call: Call): SnapshotsError {
  return new SnapshotsError(
    'INVALID_RESPONSE',
    `Sentry answered ${status}, a redirect, to the request to ${call.what}; the API does not redirect there, so it was not followed.`,
    {
      status,
      details: { ...call.target },
      option: 'url',
      hint: 'A proxy or a login page may have answered instead of Sentry: check the Sentry URL.',
    },
  );
}

function parseBaseUrl(url: string): URL {
  const base = URL.parse(url.endsWith('/') ? url : `${url}/`);
  if (base === null || (base.protocol !== 'https:' && base.protocol !== 'http:')) {
    throw new SnapshotsError('INVALID_OPTION', `The Sentry URL '${url}' is not an http(s) URL.`, {
      option: 'url',
      hint: 'Give the base URL of your Sentry, e.g. https://sentry.io/.',
    });
  }
  return base;
}

function segment(value: string): string {
  return encodeURIComponent(value);
}
