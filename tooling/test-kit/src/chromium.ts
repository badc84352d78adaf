import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; the browser tests never download one of their own. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Browser tests run where Chromium is installed, and always in CI, where a missing browser must
 * fail rather than skip.
 */
export const chromiumRunsHere = existsSync(chromiumPath) || Boolean(process.env.CI);

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
