import { describe, expect, it } from 'vitest';
import { parseRemoteUrl } from './parse-remote-url.js';

describe('parseRemoteUrl', () => {
  it.each([
    ['git@github.com:Acme/Widgets.git', 'github.com', 'Acme/Widgets', 'github'],
    ['https://github.com/acme/widgets', 'github.com', 'acme/widgets', 'github'],
    ['https://x-access-token:secret@github.com/acme/widgets.git', 'github.com', 'acme/widgets', 'github'],
    ['ssh://git@ssh.github.com:443/acme/widgets.git', 'ssh.github.com', 'acme/widgets', 'github'],
    ['git@acme.ghe.com:platform/widgets.git', 'acme.ghe.com', 'platform/widgets', 'github_enterprise'],
    [
      'https://github.acme.corp/platform/widgets.git',
      'github.acme.corp',
      'platform/widgets',
      'github_enterprise',
    ],
    ['https://gitlab.com/acme/platform/web/widgets.git', 'gitlab.com', 'acme/platform/web/widgets', 'gitlab'],
    ['git@gitlab.com:acme/platform/widgets.git', 'gitlab.com', 'acme/platform/widgets', 'gitlab'],
    ['ssh://git@gitlab.acme.corp:2222/acme/widgets.git', 'gitlab.acme.corp', 'acme/widgets', 'gitlab'],
    ['https://me@bitbucket.org/acme/widgets.git', 'bitbucket.org', 'acme/widgets', 'bitbucket'],
    ['git@bitbucket.org:acme/widgets.git', 'bitbucket.org', 'acme/widgets', 'bitbucket'],
    ['https://git.acme.corp/scm/PLAT/widgets.git', 'git.acme.corp', 'PLAT/widgets', 'bitbucket_server'],
    ['https://acme@dev.azure.com/acme/platform/_git/widgets', 'dev.azure.com', 'acme/platform', 'azure'],
    ['git@ssh.dev.azure.com:v3/acme/platform/widgets', 'ssh.dev.azure.com', 'acme/platform', 'azure'],
    ['https://dev.azure.com/acme/_git/widgets', 'dev.azure.com', 'acme/widgets', 'azure'],
    [
      'https://acme.visualstudio.com/DefaultCollection/platform/_git/widgets',
      'acme.visualstudio.com',
      'acme/platform',
      'azure',
    ],
    [
      'acme@vs-ssh.visualstudio.com:v3/acme/platform/widgets',
      'vs-ssh.visualstudio.com',
      'acme/platform',
      'azure',
    ],
    ['https://codeberg.org/acme/widgets.git', 'codeberg.org', 'acme/widgets', 'codeberg'],
  ])('%s', (url, host, repoName, provider) => {
    expect(parseRemoteUrl(url)).toEqual({ host, repoName, provider });
  });

  it.each([
    'file:///tmp/remote.git',
    '/srv/git/widgets.git',
    '../widgets',
    'https://github.com/lonely',
    'not a url',
  ])('has no repository for %s', (url) => {
    expect(parseRemoteUrl(url)).toBeUndefined();
  });
});
