#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startEmulator } from './start-emulator.js';

const usage = 'Usage: sentry-snapshots-emulator [--port <n>] [--host <host>] [--data <dir>]';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.sentry-snapshots-emulator' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port ${values.port}\n${usage}`);
  process.exit(2);
}

// Warnings name requests no route serves: what a client needs that the emulator lacks.
const logger = {
  debug() {},
  info() {},
  warn: (message: string, fields?: Record<string, unknown>) =>
    console.error(`warning: ${message}`, fields ?? ''),
  error: (message: string, fields?: Record<string, unknown>) =>
    console.error(`error: ${message}`, fields ?? ''),
};
const emulator = await startEmulator({ port, host: values.host, dataDir: values.data, logger });
console.log(`Sentry emulator listening on ${emulator.url}`);
console.log(`Auth token: ${emulator.token}`);
console.log(`Data folder: ${values.data}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
