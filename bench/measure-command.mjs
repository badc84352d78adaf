import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';

/**
 * Samples the resident bytes of the descendants of a pid from /proc (Linux) on its own thread: a
 * scan of /proc takes about 3 ms, which on the bench's thread came out of the emulator's time.
 */
const samplerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { readdirSync, readFileSync } = require('node:fs');
const pageSize = 4096;
function treeRss(root) {
  const parentOf = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\\d+$/.test(name)) continue;
    try {
      const stat = readFileSync('/proc/' + name + '/stat', 'latin1');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {}
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parentOf) {
      if (!tree.has(pid) && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let bytes = 0;
  for (const pid of tree) {
    if (pid === root) continue; // /usr/bin/time itself
    try {
      bytes += Number(readFileSync('/proc/' + pid + '/statm', 'latin1').split(' ')[1]) * pageSize;
    } catch {}
  }
  return bytes;
}
let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, treeRss(workerData.pid)); }, workerData.sampleMs);
parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(peak); });
`;

function startSampler(pid, sampleMs) {
  const worker = new Worker(samplerSource, { eval: true, workerData: { pid, sampleMs } });
  return {
    async stop() {
      const peak = new Promise((resolve) => {
        worker.once('message', resolve);
        worker.once('error', () => resolve(0));
      });
      worker.postMessage('stop');
      const bytes = await peak;
      await worker.terminate();
      return bytes;
    },
  };
}

/**
 * Runs a command to its end: wall time, and peak RSS of its process tree — the larger of /proc
 * sampling (sums every process of the tree) and GNU time's maximum (exact, one process at a time).
 */
export function measureCommand(command, args, { env, cwd, timeoutMs, sampleMs = 25 }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '__maxrss_kb=%M', command, ...args], {
      env,
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const sampler = startSampler(child.pid, sampleMs);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', async (code) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      const peakSampled = await sampler.stop();
      const match = /__maxrss_kb=(\d+)/.exec(stderr);
      const timeRss = match ? Number(match[1]) * 1024 : 0;
      resolve({
        wallMs,
        peakRssBytes: Math.max(peakSampled, timeRss),
        exitCode: code,
        timedOut,
        stdout,
        stderr: stderr.replace(/(Command exited with non-zero status \d+\n)?__maxrss_kb=\d+\s*$/, ''),
      });
    });
  });
}
