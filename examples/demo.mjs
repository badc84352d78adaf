// The README's main job: start the emulator, upload `screenshots/` as the base build of `main`,
// then a pull request's head build with one changed and one added image, and show the results.
// In a terminal (not CI) the emulator keeps serving afterwards, until Ctrl-C, so the snapshot pages
// it printed can be opened; elsewhere it stops at the end. `--serve` and `--no-serve` decide instead.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@sentry-snapshots/emulator';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const cliBin = join(dirname(require.resolve('@sentry-snapshots/cli/package.json')), 'dist/bin.mjs');
const work = mkdtempSync(join(tmpdir(), 'sentry-snapshots-demo-'));
const serve =
  process.argv.includes('--serve') ||
  (!process.argv.includes('--no-serve') && process.stdout.isTTY === true && !process.env.CI);

const emulator = await startEmulator({ port: 0, dataDir: join(work, 'emulator') });
const env = {
  ...process.env,
  SENTRY_URL: emulator.url,
  SENTRY_AUTH_TOKEN: emulator.token,
  SENTRY_ORG: 'acme',
  SENTRY_PROJECT: 'mobile-app',
};
const baseSha = '1111111111111111111111111111111111111111';
const headSha = '2222222222222222222222222222222222222222';
const repo = ['--vcs-provider', 'github', '--head-repo-name', 'acme/mobile-app'];

try {
  heading(`Emulator running at ${emulator.url}`);

  heading('1. The base build of main: sentry-snapshots upload examples/screenshots');
  await upload([join(here, 'screenshots'), ...repo, '--head-sha', baseSha, '--head-ref', 'main']);

  // The head build: the suite as the pull request leaves it.
  const head = join(work, 'head-screenshots');
  cpSync(join(here, 'screenshots'), head, { recursive: true });
  cpSync(join(here, 'screenshots-head'), head, { recursive: true });
  const headArgs = [
    head,
    ...repo,
    ...['--head-sha', headSha, '--head-ref', 'feature/payment'],
    ...[
      '--base-sha',
      baseSha,
      '--base-repo-name',
      'acme/mobile-app',
      '--base-ref',
      'main',
      '--pr-number',
      '42',
    ],
  ];

  heading(
    '2. The pull request, waiting for the comparison: settings/profile.png changed, checkout/payment.png added',
  );
  await upload([...headArgs, '--wait']);

  heading('3. The same head build again, as `--json` prints it: every object is reused');
  const json = await upload([...headArgs, '--json'], 'pipe');
  console.log(json);

  if (serve) {
    heading(`Serving at ${emulator.url} — press Ctrl-C to stop`);
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  }
} finally {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}

// Async on purpose: the emulator answers from this process's event loop.
async function upload(args, stdout = 'inherit') {
  const child = spawn(process.execPath, [cliBin, 'upload', '--app-id', 'com.acme.mobile', ...args], {
    env,
    stdio: ['ignore', stdout, 'inherit'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) {
    process.exitCode = code ?? 1;
    throw new Error(`sentry-snapshots exited with ${code}`);
  }
  return output;
}

function heading(text) {
  console.log(`\n== ${text}\n`);
}
