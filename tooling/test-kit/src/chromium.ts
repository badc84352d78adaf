import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

declare global {
  /** The browser's, used inside `evaluate` (the project's TypeScript has no DOM library). */
  function getComputedStyle(element: unknown): { clipPath: string; opacity: string };
}

/** Debian's Chromium; the browser tests never download one of their own. */
const chromiumPath = '/usr/bin/chromium';

/**
 * Browser tests run where Chromium is installed, and always in CI, where a missing browser must
 * fail rather than skip.
 */
const chromiumRunsHere = existsSync(chromiumPath) || Boolean(process.env.CI);

/** `chromiumRunsHere`, saying on the console that `what` is skipped when it is not. */
export function chromiumRunsFor(what: string): boolean {
  if (!chromiumRunsHere) {
    console.warn(`Skipping ${what}: ${chromiumPath} is missing (apt-get install -y chromium).`);
  }
  return chromiumRunsHere;
}

/** Headless Chromium with the flags this machine needs: no sandbox as root, no background network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The repository's `test-results/`, where browser tests keep their screenshots as CI artifacts. */
export async function artifactsDir(): Promise<string> {
  const dir = fileURLToPath(new URL('../../../test-results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  return dir;
}
