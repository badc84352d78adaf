#!/usr/bin/env node
import { homedir } from 'node:os';
import { runProgram } from './program.js';

const controller = new AbortController();
process.on('SIGINT', () => {
  // A second Ctrl-C does not wait for the in-flight requests to wind down.
  if (controller.signal.aborted) process.exit(130);
  controller.abort(new Error('Interrupted (SIGINT)'));
});

process.exitCode = await runProgram(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  home: homedir(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
