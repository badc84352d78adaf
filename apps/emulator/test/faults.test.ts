import { describe, expect, it } from 'vitest';
import { callApi, useEmulator } from './emulator-fixture.js';

const org = 'organizations/acme/';

describe('fault injection', () => {
  it('answers an injected status with body and headers the given number of times, then the real answer', async () => {
    const emulator = await useEmulator();
    emulator.faults.inject({
      method: 'GET',
      path: /organizations\/acme/,
      status: 429,
      headers: { 'retry-after': '2' },
      body: { detail: 'slow down' },
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const answer = await callApi(emulator, org);
      expect(answer).toMatchObject({ status: 429, json: { detail: 'slow down' } });
      expect(answer.headers.get('retry-after')).toBe('2');
    }
    expect(emulator.faults.pending).toBe(0);
    expect((await callApi(emulator, org)).status).toBe(200);
    expect(emulator.stats.requests['GET organization']).toBe(3);
  });

  it('only matches its method and path', async () => {
    const emulator = await useEmulator();
    emulator.faults.inject({ method: 'POST', path: 'organizations/acme', status: 500, times: 1 });
    expect((await callApi(emulator, org)).status).toBe(200);
    expect(emulator.faults.pending).toBe(1);
    emulator.faults.clear();
    expect(emulator.faults.pending).toBe(0);
  });

  it('drops the connection like a reset', async () => {
    const emulator = await useEmulator();
    emulator.faults.inject({ path: org, dropConnection: true, times: 1 });
    await expect(callApi(emulator, org)).rejects.toThrow();
    expect((await callApi(emulator, org)).status).toBe(200);
  });

  it('a delay alone still gives the real answer', async () => {
    const emulator = await useEmulator();
    emulator.faults.inject({ path: org, delayMs: 20, times: 1 });
    expect((await callApi(emulator, org)).status).toBe(200);
    expect(emulator.faults.pending).toBe(0);
  });

  it('answers the injected status to an upload without reading it, and the client sees it', async () => {
    const emulator = await useEmulator();
    emulator.faults.inject({ method: 'POST', path: /snapshots\/$/, status: 503, times: 1 });
    const body = { app_id: 'a', images: {}, padding: 'x'.repeat(1_000_000) };
    const answer = await callApi(emulator, 'projects/acme/web/preprodartifacts/snapshots/', {
      method: 'POST',
      body,
    });
    expect(answer).toMatchObject({ status: 503, json: { detail: 'Injected fault' } });
  });

  it('records requests no route serves', async () => {
    const emulator = await useEmulator();
    expect((await callApi(emulator, 'nowhere/')).status).toBe(404);
    expect(emulator.stats.unmatched).toEqual(['GET /api/0/nowhere/']);
    emulator.resetStats();
    expect(emulator.stats.unmatched).toEqual([]);
    expect(emulator.stats.requests).toEqual({});
  });
});
