import { join } from 'node:path';
import { artifactsDir, chromiumRunsFor, launchChromium } from '@sentry-snapshots/test-kit/chromium';
import { encodePng } from '@sentry-snapshots/test-kit/images';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitSha, useEmulator } from './emulator-fixture.js';
import { baseBuild, headBuild, type UploadedImage, uploadSnapshotAnswer } from './upload-snapshot.js';

const runsHere = chromiumRunsFor('the emulator UI browser test');

const paintBox = (pixels: Buffer, width: number) => {
  for (let y = 60; y < 140; y++)
    for (let x = 40; x < 160; x++) pixels.set([220, 40, 40, 255], (y * width + x) * 4);
};
const screen = (seed: number, draw?: typeof paintBox): UploadedImage => ({
  bytes: encodePng({ width: 200, height: 200, seed, ...(draw ? { draw } : {}) }),
  width: 200,
  height: 200,
});

let browser: Browser | undefined;

beforeAll(async () => {
  if (!runsHere) return;
  browser = await launchChromium();
});

afterAll(() => browser?.close());

describe.skipIf(!runsHere)("the emulator's web UI in Chromium", () => {
  it('shows a head compared with its base at its snapshotUrl, with the report’s views', async () => {
    const emulator = await useEmulator();
    const base = await uploadSnapshotAnswer(
      emulator,
      { 'screens/home.png': screen(11), 'same.png': screen(12), 'legacy.png': screen(13) },
      baseBuild(commitSha('a')),
    );
    const head = await uploadSnapshotAnswer(
      emulator,
      { 'screens/home.png': screen(11, paintBox), 'same.png': screen(12), 'settings/new.png': screen(14) },
      headBuild(commitSha('b'), commitSha('a')),
    );
    await emulator.settleComparisons();
    expect(head.snapshotUrl).toBeTruthy();

    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(response.url());
    });

    // The index links to every snapshot's page.
    await page.goto(`${emulator.url}/`);
    await expect(page.locator('tbody tr').count()).resolves.toBe(2);
    await page.getByRole('link', { name: head.artifactId, exact: true }).click();
    await page.waitForURL(head.snapshotUrl!);

    await expect(page.locator('h1').textContent()).resolves.toBe(`Snapshot ${head.artifactId} · app`);
    await expect(page.locator('.subtitle').textContent()).resolves.toContain(`snapshot ${base.artifactId}`);
    const changed = page.locator('article[data-status=changed]');
    await expect(changed.locator('.name').textContent()).resolves.toBe('screens/home.png');
    await expect(changed.locator('.metric').textContent()).resolves.toBe('24.00% of pixels changed');
    await expect(page.locator('.summary').textContent()).resolves.toBe(
      '1 changed · 1 added · 1 removed · 0 renamed · 0 errored · 1 unchanged · 0 skipped',
    );
    // Base, head and mask of the change, the added head and the removed base: all served and decoded.
    await page.waitForFunction(() =>
      // biome-ignore lint/suspicious/noExplicitAny: the page's DOM, untyped here
      [...(globalThis as any).document.images].every((image: any) => image.complete),
    );
    const loaded = await page.$$eval('img', (images) => images.map((image) => image.naturalWidth));
    expect(loaded).toEqual([200, 200, 200, 200, 200]);
    await expect(changed.locator('figure.diff img').isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Slider' }).click();
    await expect(changed.locator('figure.diff').isVisible()).resolves.toBe(false);
    const slider = changed.getByRole('slider', { name: 'Slider position' });
    await slider.fill('30');
    await expect(
      changed.locator('figure.head').evaluate((figure) => getComputedStyle(figure).clipPath),
    ).resolves.toBe('inset(0px 0px 0px 30%)');

    await page.getByRole('button', { name: 'Overlay' }).click();
    await expect(changed.locator('figure.base').isVisible()).resolves.toBe(false);
    await expect(changed.locator('figure.diff').isVisible()).resolves.toBe(true);
    await page.screenshot({
      path: join(await artifactsDir(), 'emulator-snapshot-overlay.png'),
      fullPage: true,
    });

    await page.getByRole('button', { name: /^Added/ }).click();
    await expect(page.locator('article.entry:visible .name').allTextContents()).resolves.toEqual([
      'settings/new.png',
    ]);
    await page.getByRole('button', { name: /^All/ }).click();
    await page.getByRole('button', { name: 'Side by side' }).click();
    await page.screenshot({ path: join(await artifactsDir(), 'emulator-snapshot.png'), fullPage: true });
    expect(failed).toEqual([]);

    // The base compares with nothing: its page shows its images.
    await page.goto(base.snapshotUrl!);
    await expect(page.locator('.comparison').textContent()).resolves.toBe(
      'No comparison: this snapshot names no base.',
    );
    await expect(page.locator('figure img').count()).resolves.toBe(3);
    await page.close();
  });
  it('approves the changes with the Approve button, given the token, and shows the new status', async () => {
    const emulator = await useEmulator();
    await uploadSnapshotAnswer(emulator, { 'home.png': screen(21) }, baseBuild(commitSha('a')));
    const head = await uploadSnapshotAnswer(
      emulator,
      { 'home.png': screen(21, paintBox) },
      headBuild(commitSha('b'), commitSha('a')),
    );
    await emulator.settleComparisons();

    const page = await browser!.newPage();
    await page.goto(head.snapshotUrl!);
    const status = page.locator('.approval-status');
    await expect(status.textContent()).resolves.toBe('requires_approval');
    await page.screenshot({ path: join(await artifactsDir(), 'emulator-snapshot-approval.png') });

    // A wrong token is refused by the endpoint, and the page says why.
    await page.getByLabel('Auth token').fill('sntryu_wrong');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.locator('form.approve output', { hasText: 'Not approved: Invalid token' }).waitFor();
    await expect(status.textContent()).resolves.toBe('requires_approval');

    await page.getByLabel('Auth token').fill(emulator.token);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Approve' }).click()]);
    await expect(status.textContent()).resolves.toBe('approved');
    await expect(page.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    await expect(page.locator('article[data-status=changed]').count()).resolves.toBe(1);
    await page.close();

    const detail = await fetch(
      `${emulator.url}/api/0/organizations/acme/preprodartifacts/snapshots/${head.artifactId}/`,
      { headers: { authorization: `Bearer ${emulator.token}` } },
    );
    await expect(detail.json()).resolves.toMatchObject({ approval_status: 'approved' });
  });
});
