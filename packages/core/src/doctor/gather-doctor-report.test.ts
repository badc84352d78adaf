import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitTestEnv, initGitRepo } from '@sentry-snapshots/test-kit/git-repo';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../http/loopback-server.testing.js';
import { createWorld } from '../world.js';
import { gatherDoctorReport } from './gather-doctor-report.js';

const token = 'a'.repeat(64);
let root: string;
let server: LoopbackServer;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'doctor-'));
  server = await startLoopbackServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${token}`)
      return sendJson(response, 401, { detail: 'Invalid token' });
    if (request.url === '/api/0/organizations/acme/')
      return sendJson(response, 200, { id: '1', slug: 'acme' });
    if (request.url.startsWith('/api/0/projects/acme/web/preprodartifacts/snapshots/upload-options/')) {
      return sendJson(response, 200, {
        objectstore: {
          url: `${server.url}/api/0/organizations/1/objectstore`,
          usecase: 'preprod',
          scopes: [
            ['org', '1'],
            ['project', '2'],
          ],
          authToken: 'jwt',
          expirationPolicy: 'tti:30d',
        },
      });
    }
    return sendJson(response, 404, { detail: 'The requested resource does not exist' });
  });
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

it('reports CI, every VCS field with its source, git facts and a token that reaches org and project', async () => {
  const repo = initGitRepo(join(root, 'repo'));
  repo.addRemote('origin', 'git@github.com:acme/web.git');
  repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  const world = createWorld({ cwd: repo.dir, env: { ...gitTestEnv, CI: 'true', NO_PROXY: '127.0.0.1' } });

  const report = await gatherDoctorReport(
    { sentry: { url: `${server.url}/`, authToken: token, org: 'acme', project: 'web' } },
    world,
  );

  expect(report.ci).toEqual({ id: 'generic', name: 'CI' });
  expect(report.vcs.fields).toEqual({
    headSha: { value: repo.head(), source: 'git rev-parse HEAD' },
    baseSha: null,
    provider: { value: 'github', source: 'git remote origin' },
    headRepoName: { value: 'acme/web', source: 'git remote origin' },
    baseRepoName: { value: 'acme/web', source: 'git remote origin' },
    headRef: { value: 'main', source: 'git symbolic-ref HEAD' },
    baseRef: null,
    prNumber: null,
  });
  expect(report.git).toEqual({ root: repo.dir, shallow: false, mergeBaseFound: true, deepenedBy: 0 });
  expect(report.vcs.warnings.join('\n')).toMatch(/base_sha equals head_sha/);
  expect(report.sentry).toEqual({ url: `${server.url}/`, org: 'acme', project: 'web', authToken: '…aaaa' });
  expect(report.proxy).toEqual({ noProxy: '127.0.0.1', forUrl: null });
  expect(report.access.organization).toEqual({ status: 'ok', detail: 'acme (id 1)' });
  expect(report.access.project.status).toBe('ok');
  expect(report.access.project.detail).toContain('/api/0/organizations/1/objectstore');
});

it('reports a refused token and a rejected VCS context instead of throwing', async () => {
  const world = createWorld({ cwd: root, env: { ...gitTestEnv } });

  const report = await gatherDoctorReport(
    {
      vcs: { mode: 'off', explicit: { prNumber: 5 } },
      sentry: { url: server.url, authToken: 'b'.repeat(64), org: 'acme', project: 'web' },
    },
    world,
  );

  expect(report.ci).toBeNull();
  expect(report.vcs.fields.prNumber).toEqual({ value: 5, source: 'flag' });
  expect(report.vcs.error).toMatchObject({ code: 'INVALID_VCS_CONTEXT' });
  expect(report.access.organization).toMatchObject({
    status: 'failed',
    error: { code: 'UNAUTHORIZED', status: 401 },
  });
  expect(report.access.project).toMatchObject({ status: 'failed', error: { code: 'UNAUTHORIZED' } });
});

it('skips the access checks without a token', async () => {
  const report = await gatherDoctorReport(
    { sentry: { url: 'https://sentry.io/' } },
    createWorld({ cwd: root, env: { ...gitTestEnv } }),
  );
  expect(report.access).toEqual({
    organization: { status: 'skipped', detail: 'no auth token' },
    project: { status: 'skipped', detail: 'no auth token' },
  });
  expect(report.git).toEqual({});
});
