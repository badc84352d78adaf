import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { artifactsDir, chromiumRunsFor, launchChromium } from '@sentry-snapshots/test-kit/chromium';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { runCli } from '@sentry-snapshots/test-kit/run-cli';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const runsHere = chromiumRunsFor('the HTML report browser test');

const white = [255, 255, 255, 255] as const;
const paintBox = (pixels: Buffer, width: number) => {
  for (let y = 60; y < 140; y++)
    for (let x = 40; x < 160; x++) pixels.set([220, 40, 40, 255], (y * width + x) * 4);
};

let browser: Browser | undefined;

beforeAll(async () => {
  if (!runsHere) return;
  browser = await launchChromium();
});

afterAll(() => browser?.close());

describe.skipIf(!runsHere)('the diff HTML report in Chromium', () => {
  it('opens from disk and shows, filters and switches the views of the changes', async () => {
    const dir = await makeTempDir();
    const base = join(dir, 'base');
    const head = join(dir, 'head');
    await writePng(join(base, 'screens/home.png'), { width: 200, height: 200, seed: 11 });
    await writePng(join(head, 'screens/home.png'), { width: 200, height: 200, seed: 11, draw: paintBox });
    await writePng(join(base, 'same.png'), { width: 80, height: 80, fill: white });
    await writePng(join(head, 'same.png'), { width: 80, height: 80, fill: white });
    await writePng(join(head, 'settings/new-toggle.png'), { width: 200, height: 120, seed: 12 });
    await writePng(join(base, 'legacy.png'), { width: 200, height: 120, seed: 13 });

    const run = await runCli(['diff', base, head, '--output', 'masks', '--report', 'report/index.html'], {
      cwd: dir,
    });
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).report_path).toBe('report/index.html');

    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(join(dir, 'report/index.html')).href);

    await expect(page.locator('h1').textContent()).resolves.toBe('Snapshot diff');
    const changed = page.locator('article[data-status=changed]');
    await expect(changed.locator('.name').textContent()).resolves.toBe('screens/home.png');
    await expect(changed.locator('.metric').textContent()).resolves.toBe('24.00% of pixels changed');
    // Every image decoded: base, head and mask of the change, the added head and the removed base.
    const loaded = await page.$$eval('img', (images) => images.map((image) => image.naturalWidth > 0));
    expect(loaded).toEqual([true, true, true, true, true]);
    await expect(changed.locator('figure.diff img').isVisible()).resolves.toBe(true);
    await expect(changed.locator('figure.base img').isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Slider' }).click();
    await expect(changed.locator('figure.diff').isVisible()).resolves.toBe(false);
    const slider = changed.getByRole('slider', { name: 'Slider position' });
    await expect(slider.isVisible()).resolves.toBe(true);
    await slider.fill('30');
    await expect(
      changed.locator('figure.head').evaluate((figure) => getComputedStyle(figure).clipPath),
    ).resolves.toBe('inset(0px 0px 0px 30%)');
    await page.screenshot({ path: join(await artifactsDir(), 'diff-report-slider.png'), fullPage: true });

    await page.getByRole('button', { name: 'Overlay' }).click();
    await expect(changed.locator('figure.base').isVisible()).resolves.toBe(false);
    await expect(changed.locator('figure.diff').isVisible()).resolves.toBe(true);
    await changed.getByRole('slider', { name: 'Diff opacity' }).fill('25');
    await expect(
      changed.locator('figure.diff').evaluate((figure) => getComputedStyle(figure).opacity),
    ).resolves.toBe('0.25');

    await page.getByRole('button', { name: /^Added/ }).click();
    await expect(page.locator('article.entry:visible .name').allTextContents()).resolves.toEqual([
      'settings/new-toggle.png',
    ]);
    await page.getByRole('button', { name: /^All/ }).click();
    await page.getByRole('searchbox', { name: 'Filter by name' }).fill('LEGACY');
    await expect(page.locator('article.entry:visible .name').allTextContents()).resolves.toEqual([
      'legacy.png',
    ]);
    await page.getByRole('searchbox', { name: 'Filter by name' }).fill('nothing-like-this');
    await expect(page.locator('.empty').isVisible()).resolves.toBe(true);

    await page.getByRole('searchbox', { name: 'Filter by name' }).fill('');
    await page.getByRole('button', { name: 'Side by side' }).click();
    await page.screenshot({ path: join(await artifactsDir(), 'diff-report.png'), fullPage: true });
    // Self-contained: nothing but the page itself and its inline images was fetched.
    expect(requests.filter((url) => !url.startsWith('data:') && !url.startsWith('file:'))).toEqual([]);
    await page.close();
  });
});
