// Measures the emulator's object store under load, the server in its own process as the bin runs:
// single HEAD and PUT of 100 KB objects, and batches of HEAD and insert operations.
// A bare node:http server answering 204, in its own process too, gives the ceiling this machine
// and client reach, so the emulator's own cost shows. Run after a build:
// `node apps/emulator/bench/object-store-throughput.mjs`.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const objectBytes = 100 * 1024;
const concurrency = 32;

const dataDir = await mkdtemp(join(tmpdir(), 'emulator-bench-'));
const bin = fileURLToPath(new URL('../dist/bin.mjs', import.meta.url));
const server = spawn(process.execPath, [bin, '--port', '0', '--data', dataDir], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let url = '';
let token = '';
for await (const line of createInterface({ input: server.stdout })) {
  url ||= /listening on (\S+)/.exec(line)?.[1] ?? '';
  token ||= /^Auth token: (\S+)/.exec(line)?.[1] ?? '';
  if (url && token) break;
}

const options = await fetch(`${url}/api/0/projects/acme/bench/preprodartifacts/snapshots/upload-options/`, {
  headers: { authorization: `Bearer ${token}` },
}).then((response) => response.json());
const store = options.objectstore;
const scope = store.scopes.map(([name, value]) => `${name}=${value}`).join(';');
const prefix = `${store.scopes[0][1]}/${store.scopes[1][1]}`;
const auth = { 'x-os-auth': `Bearer ${store.authToken}` };
const objectUrl = (key) => `${store.url}/v1/objects/${store.usecase}/${scope}/${key}`;
const batchUrl = `${store.url}/v1/objects:batch/${store.usecase}/${scope}/`;

const objects = Array.from({ length: 2000 }, () => {
  const bytes = randomBytes(objectBytes);
  return { bytes, key: `${prefix}/${createHash('sha256').update(bytes).digest('hex')}` };
});

async function measure(name, count, unit, run) {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await run(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${name}: ${count} ${unit} in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} ${unit}/s`,
  );
}

function multipart(parts) {
  const boundary = `bench-${randomBytes(8).toString('hex')}`;
  const chunks = [];
  for (const { kind, key, body } of parts) {
    const headers = [
      'content-disposition: form-data; name="part"',
      `x-sn-batch-operation-kind: ${kind}`,
      `x-sn-batch-operation-key: ${encodeURIComponent(key)}`,
      ...(body ? ['content-type: application/octet-stream', 'x-sn-expiration: tti:30d'] : []),
    ];
    chunks.push(
      Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`),
      body ?? Buffer.alloc(0),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

async function batch(parts) {
  const { body, type } = multipart(parts);
  const response = await fetch(batchUrl, {
    method: 'POST',
    headers: { ...auth, 'content-type': type },
    body,
  });
  if (response.status !== 200) throw new Error(`batch answered ${response.status}`);
  await response.arrayBuffer();
}

async function expectStatus(response, status) {
  await response.arrayBuffer();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
}

const bare = spawn(
  process.execPath,
  [
    '-e',
    `const s = require('node:http').createServer((q, r) => { q.resume(); r.writeHead(204); r.end(); });
     s.listen(0, '127.0.0.1', () => console.log(s.address().port));`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const [barePort] = await createInterface({ input: bare.stdout })
  [Symbol.asyncIterator]()
  .next()
  .then(({ value }) => [value]);
await measure('baseline: bare node:http HEAD', 4000, 'requests', async () => {
  await expectStatus(await fetch(`http://127.0.0.1:${barePort}/`, { method: 'HEAD' }), 204);
});
bare.kill();

const half = objects.length / 2;
await measure('PUT 100 KB (single)', half, 'requests', async (i) => {
  const { key, bytes } = objects[i];
  await expectStatus(await fetch(objectUrl(key), { method: 'PUT', headers: auth, body: bytes }), 200);
});
await measure('HEAD (single)', objects.length * 2, 'requests', async (i) => {
  const { key } = objects[i % objects.length];
  await expectStatus(
    await fetch(objectUrl(key), { method: 'HEAD', headers: auth }),
    i % objects.length < half ? 204 : 404,
  );
});
// Batches as the official client sends them: up to 1000 operations each.
const batchHeads = 40;
await measure('HEAD batch of 1000', batchHeads, 'batches', async () => {
  await batch(objects.slice(0, 1000).map(({ key }) => ({ kind: 'head', key })));
});
console.log(`  = ${batchHeads * 1000} HEAD operations`);
const insertBatches = objects.slice(half).length / 100;
await measure('insert batch of 100 × 100 KB', insertBatches, 'batches', async (i) => {
  await batch(
    objects
      .slice(half + i * 100, half + (i + 1) * 100)
      .map(({ key, bytes }) => ({ kind: 'insert', key, body: bytes })),
  );
});
console.log(`  = ${insertBatches * 100} inserts of 100 KB`);

server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
await rm(dataDir, { recursive: true, force: true });
