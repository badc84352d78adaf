import { silentLogger } from '@sentry-snapshots/core';
import { OrganizationSchema, UploadOptionsResponseSchema } from '@sentry-snapshots/core/contract';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { DEMO_TOKEN } from '../src/index.js';
import { callApi, useEmulator } from './emulator-fixture.js';

const create = (project: string) => `projects/acme/${project}/preprodartifacts/snapshots/`;
const uploadOptions = (project: string) => `${create(project)}upload-options/`;
const manifest = { app_id: 'app', images: {} };

describe('authentication', () => {
  it('401 without a token and with an unknown one', async () => {
    const emulator = await useEmulator();
    expect(await callApi(emulator, 'organizations/acme/', { token: null })).toMatchObject({
      status: 401,
      json: { detail: 'Authentication credentials were not provided.' },
    });
    expect(await callApi(emulator, 'organizations/acme/', { token: 'sntryu_nope' })).toMatchObject({
      status: 401,
      json: { detail: 'Invalid token' },
    });
    expect(
      await callApi(emulator, create('web'), { method: 'POST', body: manifest, token: 'bad' }),
    ).toMatchObject({
      status: 401,
    });
  });

  it('accepts the demo token by default', async () => {
    const emulator = await useEmulator();
    expect(emulator.token).toBe(DEMO_TOKEN);
    expect((await callApi(emulator, create('web'), { method: 'POST', body: manifest })).status).toBe(200);
  });

  it.each(['project:write', 'project:admin', 'project:releases', 'org:ci'])(
    'a token with %s may write',
    async (scope) => {
      const emulator = await useEmulator({ tokens: [{ token: 'writer', scopes: [scope] }] });
      expect((await callApi(emulator, uploadOptions('web'), { token: 'writer' })).status).toBe(200);
      expect(
        (await callApi(emulator, create('web'), { method: 'POST', body: manifest, token: 'writer' })).status,
      ).toBe(200);
    },
  );

  it('403 on writes for a token without a write scope, while it may read', async () => {
    const emulator = await useEmulator({
      tokens: [{ token: 'reader', scopes: ['project:read', 'org:read'] }],
    });
    const forbidden = { detail: 'You do not have permission to perform this action.' };
    expect(
      await callApi(emulator, create('web'), { method: 'POST', body: manifest, token: 'reader' }),
    ).toMatchObject({
      status: 403,
      json: forbidden,
    });
    expect(await callApi(emulator, uploadOptions('web'), { token: 'reader' })).toMatchObject({
      status: 403,
      json: forbidden,
    });
    expect((await callApi(emulator, 'organizations/acme/', { token: 'reader' })).status).toBe(200);
  });

  it('accepts an org auth token for its organization only', async () => {
    const emulator = await useEmulator();
    const token = emulator.createOrgAuthToken('acme');
    expect(token).toMatch(/^sntrys_[A-Za-z0-9+/=]+_[A-Za-z0-9+/]{43}$/);
    const payload = JSON.parse(Buffer.from(token.split('_')[1] ?? '', 'base64').toString('utf8'));
    expect(payload).toMatchObject({ org: 'acme', url: emulator.url, region_url: emulator.url });
    expect((await callApi(emulator, create('web'), { method: 'POST', body: manifest, token })).status).toBe(
      200,
    );
    const elsewhere = await callApi(emulator, 'projects/other/web/preprodartifacts/snapshots/', {
      method: 'POST',
      body: manifest,
      token,
    });
    expect(elsewhere.status).toBe(403);
  });
});

describe('organizations and projects', () => {
  it('GET organizations/{org}/ points both links at the emulator', async () => {
    const emulator = await useEmulator();
    const { status, json } = await callApi(emulator, 'organizations/acme/');
    expect(status).toBe(200);
    expect(OrganizationSchema.safeParse(json).success).toBe(true);
    expect(json).toMatchObject({
      id: '1',
      slug: 'acme',
      name: 'acme',
      links: { organizationUrl: emulator.url, regionUrl: emulator.url },
    });
    expect((await callApi(emulator, 'organizations/1/')).json).toMatchObject({ slug: 'acme' });
  });

  it('404 for an organization or project outside a configured list', async () => {
    const emulator = await useEmulator({ projects: [{ org: 'acme', project: 'web' }] });
    const notFound = { detail: 'The requested resource does not exist' };
    expect(await callApi(emulator, 'organizations/nope/')).toMatchObject({ status: 404, json: notFound });
    expect(await callApi(emulator, create('ios'), { method: 'POST', body: manifest })).toMatchObject({
      status: 404,
      json: notFound,
    });
    expect(await callApi(emulator, uploadOptions('ios'))).toMatchObject({ status: 404, json: notFound });
    expect((await callApi(emulator, create('web'), { method: 'POST', body: manifest })).status).toBe(200);
  });

  it('with a configured list, what an earlier run created on first use no longer exists', async () => {
    const dataDir = await makeTempDir('emulator-registry-');
    const before = await useEmulator({ dataDir });
    expect((await callApi(before, 'projects/acmee/web/')).status).toBe(200);
    const { json } = await callApi(before, 'projects/acme/ios/');
    await before.close();
    const after = await useEmulator({ dataDir, projects: [{ org: 'acme', project: 'web' }] });
    const notFound = { status: 404, json: { detail: 'The requested resource does not exist' } };
    expect(await callApi(after, 'organizations/acmee/')).toMatchObject(notFound);
    expect(await callApi(after, 'projects/acme/ios/')).toMatchObject(notFound);
    expect(await callApi(after, `projects/acme/${(json as { id: string }).id}/`)).toMatchObject(notFound);
    expect((await callApi(after, 'projects/acme/web/')).status).toBe(200);
  });

  it('logs a notice naming each organization and project it creates on first use', async () => {
    const notices: string[] = [];
    const logger = { ...silentLogger, info: (message: string) => notices.push(message) };
    const emulator = await useEmulator({ logger });
    await callApi(emulator, 'projects/acme/web/');
    await callApi(emulator, 'projects/acme/web/');
    await callApi(emulator, 'organizations/1/');
    expect(notices).toEqual([
      'created organization acme on first use',
      'created project acme/web on first use',
    ]);
  });

  it('reaches a project by id as well as by slug', async () => {
    const emulator = await useEmulator();
    const { json } = await callApi(emulator, 'projects/acme/web/');
    const id = (json as { id: string }).id;
    expect((await callApi(emulator, `projects/1/${id}/`)).json).toMatchObject({ slug: 'web', id });
  });

  it('302 with the renamed body on create and upload-options', async () => {
    const emulator = await useEmulator({ renamedProjects: { old: 'new' } });
    const created = await callApi(emulator, create('old'), { method: 'POST', body: manifest });
    expect(created.status).toBe(302);
    expect(created.json).toMatchObject({
      slug: 'new',
      detail: { extra: { url: '/api/0/projects/acme/new/preprodartifacts/snapshots/', slug: 'new' } },
    });
    const options = await callApi(emulator, uploadOptions('old'));
    expect(options.status).toBe(302);
    expect(options.json).toMatchObject({
      slug: 'new',
      detail: {
        extra: { url: '/api/0/projects/acme/new/preprodartifacts/snapshots/upload-options/', slug: 'new' },
      },
    });
  });
});

describe('GET …/snapshots/upload-options/', () => {
  it('answers the object store with scopes in order and a JWT, with or without usecase=auto', async () => {
    const emulator = await useEmulator();
    for (const query of ['', '?usecase=auto']) {
      const { status, json } = await callApi(emulator, `${uploadOptions('web')}${query}`);
      expect(status).toBe(200);
      expect(UploadOptionsResponseSchema.safeParse(json).success).toBe(true);
      expect(json).toEqual({
        objectstore: {
          url: `${emulator.url}/api/0/organizations/1/objectstore`,
          usecase: 'preprod',
          scopes: [
            ['org', '1'],
            ['project', '100'],
          ],
          authToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
          expirationPolicy: 'tti:30d',
        },
      });
    }
  });

  it('400 Invalid usecase for usecase=auto on an old server, and for an unknown usecase', async () => {
    const old = await useEmulator({ compat: { usecaseAuto: false } });
    expect(await callApi(old, `${uploadOptions('web')}?usecase=auto`)).toMatchObject({
      status: 400,
      json: { detail: 'Invalid usecase' },
    });
    expect((await callApi(old, uploadOptions('web'))).status).toBe(200);
    const current = await useEmulator();
    expect((await callApi(current, `${uploadOptions('web')}?usecase=nope`)).status).toBe(400);
  });

  it('answers a null authToken when asked to behave like an old server', async () => {
    const emulator = await useEmulator({ compat: { nullAuthToken: true } });
    const { json } = await callApi(emulator, uploadOptions('web'));
    expect(json).toMatchObject({ objectstore: { authToken: null } });
  });
});
