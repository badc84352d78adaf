import { describe, expect, it } from 'vitest';
import { callApi, useEmulator } from './emulator-fixture.js';
import { uploadSnapshot } from './upload-snapshot.js';

// Lower bounds only: a busy machine makes requests slower, never faster than the link allows.
describe('a shaped link in front of the emulator', () => {
  it('holds every answer back by the latency', async () => {
    const emulator = await useEmulator({ link: { latencyMs: 150 } });
    await callApi(emulator, 'organizations/acme/');
    const started = performance.now();
    for (let i = 0; i < 3; i++) expect((await callApi(emulator, 'organizations/acme/')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 145);
  });

  it('paces request bodies of every connection together through the uplink, bytes intact', async () => {
    const emulator = await useEmulator({ link: { uplinkMbps: 8 } });
    const image = (fill: number) => ({ bytes: Buffer.alloc(400_000, fill), width: 1, height: 1 });
    const started = performance.now();
    // Two objects stored side by side: 800 KB at 8 Mbit/s take at least 0.8 s on one shared uplink.
    const id = await uploadSnapshot(emulator, { 'a.png': image(1), 'b.png': image(2) });
    expect(performance.now() - started).toBeGreaterThanOrEqual(780);
    expect(emulator.stats.bytesReceived).toBeGreaterThanOrEqual(800_000);
    expect(Object.keys(emulator.getSnapshot(id)?.manifest.images ?? {}).sort()).toEqual(['a.png', 'b.png']);
  });

  it('answers as before without a link', async () => {
    const emulator = await useEmulator({ link: {} });
    expect((await callApi(emulator, 'organizations/acme/')).status).toBe(200);
  });
});
