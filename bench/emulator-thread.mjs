// The emulators of the measured runs, on a thread of their own: no bench work (memory sampling,
// logging, reports) runs on their event loop, while their code stays warm from run to run, as a
// long-running server's would. Each run still gets a fresh emulator and data folder.
import { Worker } from 'node:worker_threads';

const threadSource = `
const { parentPort, workerData } = require('node:worker_threads');
let emulator;
const answer = async ({ command, dataDir, link }) => {
  if (command === 'start') {
    const { startEmulator } = await import(workerData.entry);
    emulator = await startEmulator({ dataDir, link });
    return { url: emulator.url, token: emulator.token };
  }
  if (command === 'stats') return structuredClone(emulator.stats);
  if (command === 'reset') return emulator.resetStats();
  if (command === 'close') return emulator.close();
};
parentPort.on('message', (message) =>
  answer(message).then(
    (value) => parentPort.postMessage({ value }),
    (error) => parentPort.postMessage({ error: String(error?.stack ?? error) }),
  ),
);
`;

/**
 * A thread for the emulator built at `entry` (a file URL); `startEmulator` gives a fresh one on
 * it, whose stats are read by message. One emulator at a time.
 */
export function createEmulatorThread(entry) {
  const worker = new Worker(threadSource, { eval: true, workerData: { entry } });
  let queue = Promise.resolve();
  const ask = (message) => {
    const reply = queue.then(
      () =>
        new Promise((resolve, reject) => {
          worker.once('message', ({ value, error }) => (error ? reject(new Error(error)) : resolve(value)));
          worker.postMessage(message);
        }),
    );
    queue = reply.catch(() => {});
    return reply;
  };
  return {
    async startEmulator({ dataDir, link }) {
      const { url, token } = await ask({ command: 'start', dataDir, link });
      return {
        url,
        token,
        stats: () => ask({ command: 'stats' }),
        resetStats: () => ask({ command: 'reset' }),
        close: () => ask({ command: 'close' }),
      };
    },
    close: () => worker.terminate(),
  };
}
