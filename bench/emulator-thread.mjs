// The emulator of one measured run, on its own thread: a fresh heap per run (nothing that earlier
// runs left behind slows it down) and no bench work (memory sampling, logging) on its event loop.
import { Worker } from 'node:worker_threads';

const threadSource = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.entry).then(async ({ startEmulator }) => {
  const emulator = await startEmulator({ dataDir: workerData.dataDir });
  parentPort.on('message', async (command) => {
    if (command === 'stats') parentPort.postMessage({ stats: structuredClone(emulator.stats) });
    if (command === 'reset') {
      emulator.resetStats();
      parentPort.postMessage({ reset: true });
    }
    if (command === 'close') {
      await emulator.close();
      parentPort.postMessage({ closed: true });
    }
  });
  parentPort.postMessage({ url: emulator.url, token: emulator.token });
});
`;

/** Starts the emulator built at `entry` (a file URL) on a thread; its stats are read by message. */
export async function startEmulatorThread(entry, { dataDir }) {
  const worker = new Worker(threadSource, { eval: true, workerData: { entry, dataDir } });
  const replies = [];
  const waiting = [];
  worker.on('message', (reply) => (waiting.length ? waiting.shift()(reply) : replies.push(reply)));
  const failed = new Promise((_, reject) => worker.once('error', reject));
  const next = () =>
    Promise.race([
      new Promise((resolve) => (replies.length ? resolve(replies.shift()) : waiting.push(resolve))),
      failed,
    ]);
  const ask = async (command) => {
    worker.postMessage(command);
    return next();
  };
  const { url, token } = await next();
  return {
    url,
    token,
    stats: async () => (await ask('stats')).stats,
    resetStats: () => ask('reset'),
    async close() {
      await ask('close');
      await worker.terminate();
    },
  };
}
