import { createHash } from 'node:crypto';
import type { CreateSnapshotResponse, SnapshotDetail } from '@sentry-snapshots/core/contract';
import { expect } from 'vitest';
import type { Emulator } from '../src/index.js';
import { callApi } from './emulator-fixture.js';

export interface ObjectStoreAccess {
  url: string;
  usecase: string;
  scope: string;
  /** `{orgId}/{projectId}/`, the start of every object key. */
  keyPrefix: string;
  authToken: string;
}

/** An image to upload: its bytes, and sidecar fields for its metadata. */
export interface UploadedImage {
  bytes: Buffer;
  width: number;
  height: number;
  metadata?: Record<string, unknown>;
  /** `false` leaves the object out of the store, as a broken client would. */
  store?: boolean;
}

export async function objectStoreAccess(emulator: Emulator, project = 'web'): Promise<ObjectStoreAccess> {
  const { json } = await callApi(
    emulator,
    `projects/acme/${project}/preprodartifacts/snapshots/upload-options/`,
  );
  const { url, usecase, scopes, authToken } = (
    json as { objectstore: { url: string; usecase: string; scopes: string[][]; authToken: string } }
  ).objectstore;
  return {
    url,
    usecase,
    authToken,
    scope: scopes.map(([name, value]) => `${name}=${value}`).join(';'),
    keyPrefix: `${scopes[0]?.[1]}/${scopes[1]?.[1]}/`,
  };
}

/** Stores the images through the object store and creates the snapshot, as a client does; answers its id. */
export async function uploadSnapshot(
  emulator: Emulator,
  images: Record<string, UploadedImage>,
  fields: Record<string, unknown> = {},
  project = 'web',
): Promise<string> {
  return (await uploadSnapshotAnswer(emulator, images, fields, project)).artifactId;
}

/** `uploadSnapshot` answering the whole create response. */
export async function uploadSnapshotAnswer(
  emulator: Emulator,
  images: Record<string, UploadedImage>,
  fields: Record<string, unknown> = {},
  project = 'web',
): Promise<CreateSnapshotResponse> {
  const access = await objectStoreAccess(emulator, project);
  const manifestImages: Record<string, Record<string, unknown>> = {};
  for (const [name, image] of Object.entries(images)) {
    const hash = createHash('sha256').update(image.bytes).digest('hex');
    if (image.store !== false) {
      const put = await fetch(
        `${access.url}/v1/objects/${access.usecase}/${access.scope}/${access.keyPrefix}${hash}`,
        {
          method: 'PUT',
          headers: { 'x-os-auth': `Bearer ${access.authToken}` },
          body: image.bytes,
        },
      );
      expect(put.status).toBe(200);
    }
    manifestImages[name] = {
      ...image.metadata,
      content_hash: hash,
      width: image.width,
      height: image.height,
    };
  }
  const { status, json } = await callApi(emulator, `projects/acme/${project}/preprodartifacts/snapshots/`, {
    method: 'POST',
    body: { app_id: 'app', ...fields, images: manifestImages },
  });
  expect(status, JSON.stringify(json)).toBe(200);
  return json as CreateSnapshotResponse;
}

export async function readDetail(emulator: Emulator, id: string): Promise<SnapshotDetail> {
  const { status, json } = await callApi(emulator, `organizations/acme/preprodartifacts/snapshots/${id}/`);
  expect(status).toBe(200);
  return json as SnapshotDetail;
}

/** The VCS fields of a build on `sha` that Sentry records, so later heads can find it as their base. */
export function baseBuild(sha: string, repo = 'acme/web'): Record<string, unknown> {
  return { head_sha: sha, provider: 'github', head_repo_name: repo, head_ref: 'main' };
}

/** The VCS fields of a pull-request build on `sha` that compares with the build of `baseSha`. */
export function headBuild(sha: string, baseSha: string, repo = 'acme/web'): Record<string, unknown> {
  return {
    head_sha: sha,
    provider: 'github',
    head_repo_name: repo,
    head_ref: 'feature',
    base_sha: baseSha,
    base_repo_name: repo,
    base_ref: 'main',
    pr_number: 7,
  };
}

/** Image file names of a list, in order. */
export function namesOf(images: readonly { image_file_name: string }[]): string[] {
  return images.map((image) => image.image_file_name);
}
