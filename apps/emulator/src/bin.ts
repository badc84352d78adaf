#!/usr/bin/env node
import { escapeTerminalText, type Logger } from '@sentry-snapshots/core';
import { type BinArguments, binUsage, readBinArguments } from './bin-arguments.js';
import { type Emulator, startEmulator } from './start-emulator.js';
import { UsageError } from './usage-error.js';

// Notices name organizations and projects created on first use; warnings name requests no route
// serves: what a client needs that the emulator lacks. Request paths are untrusted, hence the escape.
const print = (prefix: string) => (message: string, fields?: Record<string, unknown>) =>
  console.error(escapeTerminalText(`${prefix}${message}`), fields ?? '');
const logger: Logger = {
  debug() {},
  info: (message) => console.error(escapeTerminalText(`notice: ${message}`)),
  warn: print('warning: '),
  error: print('error: '),
};

/** One `error:` line and its hint, no stack: what went wrong is the user's to fix. */
function fail(message: string, hint: string, code: number): never {
  console.error(escapeTerminalText(`error: ${message}`));
  console.error(escapeTerminalText(`hint: ${hint}`));
  process.exit(code);
}

async function start(args: Extract<BinArguments, { help: false }>): Promise<Emulator> {
  try {
    return await startEmulator({ ...args, logger });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'EADDRINUSE') {
      fail(
        `port ${args.port} on ${args.host} is in use`,
        'pass another --port, or --port 0 for a free one',
        2,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      fail(`cannot listen on ${args.host}`, 'pass a local address as --host, e.g. 127.0.0.1', 2);
    }
    if (code === 'EACCES') {
      fail(`not allowed to listen on port ${args.port}`, 'pass a port above 1023, or --port 0', 2);
    }
    fail(
      `the emulator could not start: ${message}`,
      `check that --data ${args.dataDir} is a writable folder`,
      1,
    );
  }
}

let args: BinArguments;
try {
  args = await readBinArguments(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  fail(error.message, error.hint, 2);
}
if (args.help) {
  console.log(binUsage);
  process.exit(0);
}

const emulator = await start(args);
console.log(`Sentry emulator listening on ${emulator.url}`);
console.log(`Auth token: ${emulator.token}`);
console.log(escapeTerminalText(`Data folder: ${args.dataDir}`));
console.log(
  args.projects
    ? `Projects: ${args.projects.map(({ org, project }) => `${org}/${project}`).join(', ')} (others answer 404)`
    : 'Projects: any, created on first use (--org and --project allow only some)',
);
const { latencyMs, uplinkMbps } = args.link;
if (latencyMs || uplinkMbps) {
  const parts = [
    `${latencyMs ?? 0} ms per answer`,
    uplinkMbps ? `${uplinkMbps} Mbit/s uplink` : 'unlimited uplink',
  ];
  console.log(`Link: ${parts.join(', ')}`);
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
