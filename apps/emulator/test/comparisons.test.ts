import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@sentry-snapshots/core';
import { SnapshotDetailSchema } from '@sentry-snapshots/core/contract';
import { encodePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import { commitSha, useEmulator } from './emulator-fixture.js';
import {
  baseBuild,
  headBuild,
  namesOf,
  objectStoreAccess,
  readDetail,
  type UploadedImage,
  uploadSnapshot,
} from './upload-snapshot.js';

/** A red box over 24% of a 200×200 screen. */
const paintBox = (pixels: Buffer, width: number) => {
  for (let y = 60; y < 140; y++)
    for (let x = 40; x < 160; x++) pixels.set([220, 40, 40, 255], (y * width + x) * 4);
};
const screen = (seed: number, metadata?: Record<string, unknown>): UploadedImage => ({
  bytes: encodePng({ width: 200, height: 200, seed }),
  width: 200,
  height: 200,
  ...(metadata ? { metadata } : {}),
});
const boxed = (seed: number, metadata?: Record<string, unknown>): UploadedImage => ({
  bytes: encodePng({ width: 200, height: 200, seed, draw: paintBox }),
  width: 200,
  height: 200,
  ...(metadata ? { metadata } : {}),
});

function recordingLogger(): Logger & { states: (headId: string) => string[] } {
  const events: { headId: number; state: string }[] = [];
  const ignore = () => {};
  return {
    debug: (message, fields) => {
      if (message === 'comparison state') events.push(fields as { headId: number; state: string });
    },
    info: ignore,
    warn: ignore,
    error: ignore,
    states: (headId) => events.filter((event) => String(event.headId) === headId).map((event) => event.state),
  };
}

describe('comparisons', () => {
  it('compares a head with its base: every list, counts, diff masks in the object store, pending → processing → success', async () => {
    const logger = recordingLogger();
    const emulator = await useEmulator({ logger });
    const baseId = await uploadSnapshot(
      emulator,
      {
        'same.png': screen(1, { display_name: 'Same', tags: ['dark'] }),
        'changed.png': screen(2),
        'gone.png': screen(3),
        'old-name.png': screen(4),
        'broken.png': screen(5),
      },
      baseBuild(commitSha('a')),
    );
    const headId = await uploadSnapshot(
      emulator,
      {
        'same.png': screen(1, { display_name: 'Same', tags: ['dark'] }),
        'changed.png': boxed(2),
        'new.png': screen(6),
        'new-name.png': screen(4),
        'broken.png': { ...boxed(5), store: false },
      },
      headBuild(commitSha('b'), commitSha('a')),
    );
    await emulator.settleComparisons();

    const detail = await readDetail(emulator, headId);
    expect(SnapshotDetailSchema.safeParse(detail).success).toBe(true);
    expect(detail).toMatchObject({
      head_artifact_id: headId,
      base_artifact_id: baseId,
      comparison_type: 'diff',
      comparison_state: 'success',
      comparison_error_message: null,
      image_count: 5,
      images: [],
      added_count: 1,
      removed_count: 1,
      changed_count: 1,
      unchanged_count: 1,
      renamed_count: 1,
      errored_count: 1,
      skipped_count: 0,
    });
    expect(namesOf(detail.added)).toEqual(['new.png']);
    expect(namesOf(detail.removed)).toEqual(['gone.png']);
    expect(detail.unchanged).toEqual([
      expect.objectContaining({
        image_file_name: 'same.png',
        display_name: 'Same',
        group: null,
        tags: { dark: 'dark' },
        width: 200,
        height: 200,
      }),
    ]);
    expect(detail.renamed).toEqual([
      expect.objectContaining({
        base_image: expect.objectContaining({ image_file_name: 'old-name.png' }),
        head_image: expect.objectContaining({ image_file_name: 'new-name.png' }),
        diff_image_key: null,
        diff: null,
      }),
    ]);
    expect(detail.errored).toEqual([
      expect.objectContaining({
        head_image: expect.objectContaining({ image_file_name: 'broken.png' }),
        error_message: 'image_fetch_failed',
        diff_image_key: null,
      }),
    ]);
    const [changed] = detail.changed;
    expect(changed?.head_image?.image_file_name).toBe('changed.png');
    expect(changed?.diff).toBeCloseTo(0.24, 2);

    // The mask is an object like any other: read it with the object store's own token.
    const access = await objectStoreAccess(emulator);
    expect(changed?.diff_image_key?.startsWith(access.keyPrefix)).toBe(true);
    const mask = await fetch(
      `${access.url}/v1/objects/${access.usecase}/${access.scope}/${changed?.diff_image_key}`,
      {
        headers: { 'x-os-auth': `Bearer ${access.authToken}` },
      },
    );
    expect(mask.status).toBe(200);
    expect(
      Buffer.from(await mask.arrayBuffer())
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');

    expect(logger.states(headId)).toEqual(['pending', 'processing', 'success']);
    // The base itself compares with nothing.
    expect(await readDetail(emulator, baseId)).toMatchObject({
      comparison_type: 'solo',
      comparison_state: null,
      base_artifact_id: null,
      image_count: 5,
    });
  });

  it('skips what a selective head did not run, and removes only what its full names list lacks', async () => {
    const emulator = await useEmulator();
    await uploadSnapshot(
      emulator,
      { 'a.png': screen(1), 'b.png': screen(2), 'c.png': screen(3) },
      baseBuild(commitSha('a')),
    );
    const withNames = await uploadSnapshot(
      emulator,
      { 'a.png': boxed(1) },
      {
        ...headBuild(commitSha('b'), commitSha('a')),
        selective: true,
        all_image_file_names: ['a.png', 'b.png'],
      },
    );
    const withoutNames = await uploadSnapshot(
      emulator,
      { 'a.png': screen(1) },
      { ...headBuild(commitSha('c'), commitSha('a')), selective: true },
    );
    await emulator.settleComparisons();

    const first = await readDetail(emulator, withNames);
    expect(first).toMatchObject({ is_selective: true, comparison_state: 'success', changed_count: 1 });
    expect(namesOf(first.skipped)).toEqual(['b.png']);
    expect(namesOf(first.removed)).toEqual(['c.png']);
    const second = await readDetail(emulator, withoutNames);
    expect(second).toMatchObject({ comparison_state: 'success', unchanged_count: 1, removed_count: 0 });
    expect(namesOf(second.skipped)).toEqual(['b.png', 'c.png']);
  });

  it("counts a change only past the image's diff_threshold, else the snapshot's", async () => {
    const emulator = await useEmulator();
    const images = {
      'image-lenient.png': screen(1),
      'image-strict.png': screen(2),
      'snapshot-rule.png': screen(3),
    };
    await uploadSnapshot(emulator, images, baseBuild(commitSha('a')));
    const headId = await uploadSnapshot(
      emulator,
      {
        'image-lenient.png': boxed(1, { diff_threshold: 0.3 }),
        'image-strict.png': boxed(2, { diff_threshold: 0.1 }),
        'snapshot-rule.png': boxed(3),
      },
      { ...headBuild(commitSha('b'), commitSha('a')), diff_threshold: 0.25 },
    );
    const strictId = await uploadSnapshot(
      emulator,
      { 'snapshot-rule.png': boxed(3) },
      { ...headBuild(commitSha('c'), commitSha('a')), diff_threshold: 0.2, selective: true },
    );
    await emulator.settleComparisons();

    const detail = await readDetail(emulator, headId);
    expect(namesOf(detail.unchanged)).toEqual(['image-lenient.png', 'snapshot-rule.png']);
    expect(detail.changed.map((pair) => pair.head_image?.image_file_name)).toEqual(['image-strict.png']);
    const strict = await readDetail(emulator, strictId);
    expect(strict).toMatchObject({ changed_count: 1, unchanged_count: 0, skipped_count: 2 });
  });

  it('waits for a base that arrives later, then compares with the newest one of that commit', async () => {
    const emulator = await useEmulator();
    const headId = await uploadSnapshot(
      emulator,
      { 'a.png': boxed(1) },
      headBuild(commitSha('b'), commitSha('a')),
    );
    await emulator.settleComparisons();
    expect(await readDetail(emulator, headId)).toMatchObject({
      comparison_type: 'waiting_for_base',
      comparison_state: 'waiting_for_base',
      base_artifact_id: null,
      image_count: 1,
      images: [expect.objectContaining({ image_file_name: 'a.png' })],
    });

    // Neither another app, nor another repository, nor a build whose commit Sentry did not record.
    await uploadSnapshot(emulator, { 'a.png': screen(1) }, { ...baseBuild(commitSha('a')), app_id: 'other' });
    await uploadSnapshot(emulator, { 'a.png': screen(1) }, baseBuild(commitSha('a'), 'acme/fork'));
    await uploadSnapshot(
      emulator,
      { 'a.png': screen(1) },
      { ...baseBuild(commitSha('a')), provider: undefined },
    );
    await uploadSnapshot(emulator, { 'a.png': screen(1) }, baseBuild(commitSha('a')), 'ios');
    await emulator.settleComparisons();
    expect(await readDetail(emulator, headId)).toMatchObject({ comparison_state: 'waiting_for_base' });

    const baseId = await uploadSnapshot(emulator, { 'a.png': screen(1) }, baseBuild(commitSha('a')));
    await emulator.settleComparisons();
    expect(await readDetail(emulator, headId)).toMatchObject({
      comparison_type: 'diff',
      comparison_state: 'success',
      base_artifact_id: baseId,
      changed_count: 1,
    });

    // Two builds of the base commit: a new head compares with the newer.
    const newerId = await uploadSnapshot(emulator, { 'a.png': boxed(1) }, baseBuild(commitSha('a')));
    const nextHead = await uploadSnapshot(
      emulator,
      { 'a.png': boxed(1) },
      headBuild(commitSha('c'), commitSha('a')),
    );
    await emulator.settleComparisons();
    expect(await readDetail(emulator, nextHead)).toMatchObject({
      base_artifact_id: newerId,
      unchanged_count: 1,
    });
    // The first head keeps the comparison it had.
    expect(await readDetail(emulator, headId)).toMatchObject({ base_artifact_id: baseId });
  });

  it('turns waiting_for_base into no_base_build once the grace period is over', async () => {
    const waiting = await useEmulator();
    const expired = await useEmulator({ baseGraceMs: 0 });
    const head = headBuild(commitSha('b'), commitSha('a'));
    const waitingId = await uploadSnapshot(waiting, { 'a.png': screen(1) }, head);
    const expiredId = await uploadSnapshot(expired, { 'a.png': screen(1) }, head);
    expect(await readDetail(waiting, waitingId)).toMatchObject({
      comparison_type: 'waiting_for_base',
      comparison_state: 'waiting_for_base',
    });
    expect(await readDetail(expired, expiredId)).toMatchObject({
      comparison_type: 'waiting_for_base',
      comparison_state: 'no_base_build',
      base_artifact_id: null,
    });
  });

  it('keeps results across a restart and reruns a comparison a restart interrupted', async () => {
    const dataDir = await makeTempDir('emulator-');
    const first = await startEmulator({ dataDir });
    let headId: string;
    let interruptedId: string;
    let before: unknown;
    try {
      await uploadSnapshot(first, { 'a.png': screen(1), 'b.png': screen(2) }, baseBuild(commitSha('a')));
      headId = await uploadSnapshot(
        first,
        { 'a.png': boxed(1), 'c.png': screen(3) },
        headBuild(commitSha('b'), commitSha('a')),
      );
      interruptedId = await uploadSnapshot(
        first,
        { 'a.png': screen(1) },
        headBuild(commitSha('c'), commitSha('a')),
      );
      await first.settleComparisons();
      before = await readDetail(first, headId);
    } finally {
      await first.close();
    }
    expect(before).toMatchObject({
      comparison_state: 'success',
      changed_count: 1,
      added_count: 1,
      removed_count: 1,
    });

    // As a stop leaves them: one comparison caught while processing, one head stored before its record.
    const records = join(dataDir, 'comparisons');
    const interrupted = JSON.parse(await readFile(join(records, `${interruptedId}.json`), 'utf8'));
    await writeFile(
      join(records, `${interruptedId}.json`),
      JSON.stringify({ ...interrupted, state: 'processing', result: null }),
    );
    const orphanId = await (async () => {
      const again = await startEmulator({ dataDir });
      try {
        const id = await uploadSnapshot(
          again,
          { 'b.png': boxed(2) },
          headBuild(commitSha('d'), commitSha('a')),
        );
        await again.settleComparisons();
        return id;
      } finally {
        await again.close();
      }
    })();
    await rm(join(records, `${orphanId}.json`));

    const second = await startEmulator({ dataDir });
    try {
      await second.settleComparisons();
      expect(await readDetail(second, headId)).toEqual(before);
      expect(await readDetail(second, interruptedId)).toMatchObject({
        comparison_state: 'success',
        unchanged_count: 1,
        removed_count: 1,
      });
      expect(await readDetail(second, orphanId)).toMatchObject({
        comparison_type: 'diff',
        comparison_state: 'success',
        changed_count: 1,
      });
    } finally {
      await second.close();
    }
  });

  it('fails a comparison that cannot run, with its message, and keeps the images listed', async () => {
    const dataDir = await makeTempDir('emulator-');
    const first = await startEmulator({ dataDir });
    let baseId: string;
    let headId: string;
    try {
      baseId = await uploadSnapshot(first, { 'a.png': screen(1) }, baseBuild(commitSha('a')));
      headId = await uploadSnapshot(first, { 'a.png': boxed(1) }, headBuild(commitSha('b'), commitSha('a')));
      await first.settleComparisons();
    } finally {
      await first.close();
    }
    // Interrupted, and its base lost before the restart.
    const record = join(dataDir, 'comparisons', `${headId}.json`);
    const stored = JSON.parse(await readFile(record, 'utf8'));
    await writeFile(record, JSON.stringify({ ...stored, state: 'pending', result: null }));
    await rm(join(dataDir, 'snapshots', `${baseId}.json`));

    const second = await startEmulator({ dataDir });
    try {
      await second.settleComparisons();
      expect(await readDetail(second, headId)).toMatchObject({
        comparison_type: 'diff',
        comparison_state: 'failed',
        comparison_error_message: 'The base or head snapshot no longer exists.',
        base_artifact_id: baseId,
        images: [expect.objectContaining({ image_file_name: 'a.png' })],
        changed_count: 0,
      });
    } finally {
      await second.close();
    }
  });

  it('compares identical suites by hash alone: no image is read from the store', async () => {
    const emulator = await useEmulator();
    const images = Object.fromEntries(
      Array.from({ length: 50 }, (_, index) => [
        `screen-${index}.png`,
        { ...screen(index), store: index === 0 },
      ]),
    );
    await uploadSnapshot(emulator, images, baseBuild(commitSha('a')));
    const headId = await uploadSnapshot(emulator, images, headBuild(commitSha('b'), commitSha('a')));
    await emulator.settleComparisons();
    // Objects missing on both sides would error if anything were read.
    expect(await readDetail(emulator, headId)).toMatchObject({
      comparison_state: 'success',
      unchanged_count: 50,
      errored_count: 0,
    });
  });
});
