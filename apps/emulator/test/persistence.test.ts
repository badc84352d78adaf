import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import { callApi, contentHash } from './emulator-fixture.js';

describe('persistence', () => {
  it('keeps projects, snapshots, objects and object-store tokens across a restart on the same folder', async () => {
    const dataDir = await makeTempDir('emulator-');
    const first = await startEmulator({ dataDir });
    const options = await callApi(first, 'projects/acme/web/preprodartifacts/snapshots/upload-options/');
    const { url, authToken } = (options.json as { objectstore: { url: string; authToken: string } })
      .objectstore;
    const path = `/v1/objects/preprod/org=1;project=100/1/100/${contentHash('a')}`;
    const put = await fetch(`${url}${path}`, {
      method: 'PUT',
      headers: { 'x-os-auth': `Bearer ${authToken}` },
      body: Buffer.from('kept'),
    });
    expect(put.status).toBe(200);
    const manifest = {
      app_id: 'app',
      images: { 'a.png': { content_hash: contentHash('a'), width: 1, height: 1 } },
    };
    const created = await callApi(first, 'projects/acme/web/preprodartifacts/snapshots/', {
      method: 'POST',
      body: manifest,
    });
    expect(created.status).toBe(200);
    await first.close();

    const second = await startEmulator({ dataDir });
    try {
      expect(second.getSnapshot('1')?.manifest).toEqual(manifest);
      const detail = await callApi(second, 'organizations/acme/preprodartifacts/snapshots/1/');
      expect(detail.json).toMatchObject({ project_id: '100', image_count: 1 });
      const secondUrl = url.replace(first.url, second.url);
      const get = await fetch(`${secondUrl}${path}`, { headers: { 'x-os-auth': `Bearer ${authToken}` } });
      expect(await get.text()).toBe('kept');
      const next = await callApi(second, 'projects/acme/ios/preprodartifacts/snapshots/', {
        method: 'POST',
        body: manifest,
      });
      expect(next.json).toMatchObject({ artifactId: '2', snapshotMetricsId: '1001' });
      expect((await callApi(second, 'projects/acme/ios/')).json).toMatchObject({ id: '101' });
    } finally {
      await second.close();
    }
  });
});
