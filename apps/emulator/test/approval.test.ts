import { encodePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { callApi, commitSha, useEmulator } from './emulator-fixture.js';
import { baseBuild, headBuild, readDetail, type UploadedImage, uploadSnapshot } from './upload-snapshot.js';

const screen = (seed: number): UploadedImage => ({
  bytes: encodePng({ width: 64, height: 64, seed }),
  width: 64,
  height: 64,
});

const approve = (emulator: Emulator, id: string, options: Parameters<typeof callApi>[2] = {}) =>
  callApi(emulator, `organizations/acme/preprodartifacts/${id}/approve/`, {
    method: 'POST',
    body: { feature_type: 'snapshots' },
    ...options,
  });

/** A base, and a head that changes one image of it and adds another: answers the head's id. */
async function uploadChangedHead(emulator: Emulator): Promise<string> {
  await uploadSnapshot(emulator, { 'home.png': screen(1), 'same.png': screen(2) }, baseBuild(commitSha('a')));
  const headId = await uploadSnapshot(
    emulator,
    { 'home.png': screen(3), 'same.png': screen(2), 'new.png': screen(4) },
    headBuild(commitSha('b'), commitSha('a')),
  );
  await emulator.settleComparisons();
  return headId;
}

describe('approving a comparison', () => {
  it('asks for approval of changes, records the approval on disk, and keeps it across a restart', async () => {
    const dataDir = await makeTempDir('emulator-');
    const first = await startEmulator({ dataDir });
    onTestFinished(() => first.close());
    const headId = await uploadChangedHead(first);
    const pending = await readDetail(first, headId);
    expect(pending).toMatchObject({ comparison_state: 'success', changed_count: 1, added_count: 1 });
    expect(pending.approval_status).toBe('requires_approval');

    await expect(approve(first, headId)).resolves.toMatchObject({
      status: 201,
      json: { detail: 'Approved' },
    });
    await expect(readDetail(first, headId)).resolves.toMatchObject({ approval_status: 'approved' });
    await expect(approve(first, headId)).resolves.toMatchObject({
      status: 200,
      json: { detail: 'Already approved' },
    });
    expect(first.stats.requests['POST approve']).toBe(2);
    await first.close();

    const second = await startEmulator({ dataDir });
    onTestFinished(() => second.close());
    await second.settleComparisons();
    await expect(readDetail(second, headId)).resolves.toMatchObject({ approval_status: 'approved' });
  });

  it('asks nothing of a reviewer when the comparison found no change, as Sentry', async () => {
    const emulator = await useEmulator();
    await uploadSnapshot(emulator, { 'home.png': screen(1) }, baseBuild(commitSha('a')));
    const headId = await uploadSnapshot(
      emulator,
      { 'home.png': screen(1) },
      headBuild(commitSha('b'), commitSha('a')),
    );
    await emulator.settleComparisons();
    const detail = await readDetail(emulator, headId);
    expect(detail).toMatchObject({ comparison_state: 'success', unchanged_count: 1 });
    expect(detail.approval_status).toBeNull();
  });

  it('asks nothing before the comparison ends, nor of a snapshot without a base', async () => {
    const emulator = await useEmulator();
    const soloId = await uploadSnapshot(emulator, { 'home.png': screen(1) });
    const waitingId = await uploadSnapshot(
      emulator,
      { 'home.png': screen(1) },
      headBuild(commitSha('b'), commitSha('a')),
    );
    await expect(readDetail(emulator, soloId)).resolves.toMatchObject({ approval_status: null });
    await expect(readDetail(emulator, waitingId)).resolves.toMatchObject({
      comparison_state: 'waiting_for_base',
      approval_status: null,
    });
  });

  it('reads feature_type from a form body too, as Sentry does', async () => {
    const emulator = await useEmulator();
    const headId = await uploadChangedHead(emulator);
    const answer = await approve(emulator, headId, {
      body: Buffer.from('feature_type=snapshots'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer).toMatchObject({ status: 201, json: { detail: 'Approved' } });
  });

  it("shows the status on the snapshot's page, with an Approve form that posts to the endpoint until approved", async () => {
    const emulator = await useEmulator();
    const headId = await uploadChangedHead(emulator);
    const pageUrl = `${emulator.url}/organizations/acme/preprod/snapshots/${headId}/`;
    const before = await (await fetch(pageUrl)).text();
    expect(before).toContain('Approval: <strong class="approval-status">requires_approval</strong>');
    expect(before).toContain(
      `data-approve-url="/api/0/organizations/acme/preprodartifacts/${headId}/approve/"`,
    );
    // Inside the report's header, above the images.
    expect(before.indexOf('class="approval"')).toBeLessThan(before.indexOf('</header>'));

    await approve(emulator, headId);
    const after = await (await fetch(pageUrl)).text();
    expect(after).toContain('Approval: <strong class="approval-status">approved</strong>');
    expect(after).not.toContain('data-approve-url');
  });

  it('approves without HTTP through the programmatic API', async () => {
    const emulator = await useEmulator();
    const headId = await uploadChangedHead(emulator);
    await expect(emulator.approveSnapshot(headId)).resolves.toBe(true);
    await expect(emulator.approveSnapshot(Number(headId))).resolves.toBe(false);
    await expect(readDetail(emulator, headId)).resolves.toMatchObject({ approval_status: 'approved' });
    await expect(emulator.approveSnapshot(999)).rejects.toThrow('Snapshot 999 not found');
  });

  it('answers as Sentry: 401 without a token, 403 for a read-only one, 400 for another feature, 404 for an unknown artifact', async () => {
    const emulator = await useEmulator({
      tokens: [
        { token: 'writer', scopes: ['project:releases'] },
        { token: 'reader', scopes: ['project:read', 'org:read'] },
      ],
    });
    const headId = await uploadChangedHead(emulator);
    await expect(approve(emulator, headId, { token: null })).resolves.toMatchObject({
      status: 401,
      json: { detail: 'Authentication credentials were not provided.' },
    });
    await expect(approve(emulator, headId, { token: 'reader' })).resolves.toMatchObject({ status: 403 });
    await expect(approve(emulator, headId, { body: { feature_type: 'size' } })).resolves.toMatchObject({
      status: 400,
      json: { detail: 'feature_type must be one of: snapshots' },
    });
    await expect(approve(emulator, headId, { body: Buffer.from('not json') })).resolves.toMatchObject({
      status: 400,
    });
    await expect(approve(emulator, headId, { body: Buffer.alloc(100_000, 'a') })).resolves.toMatchObject({
      status: 413,
    });
    for (const id of ['999', 'abc']) {
      await expect(approve(emulator, id)).resolves.toMatchObject({
        status: 404,
        json: { detail: 'Artifact not found' },
      });
    }
    await expect(readDetail(emulator, headId)).resolves.toMatchObject({
      approval_status: 'requires_approval',
    });
  });
});
