import { providerForHost } from './vcs-provider.js';

export interface RemoteRepository {
  host: string;
  /**
   * `owner/repo`; GitLab keeps nested groups (`group/sub/repo`). Azure DevOps is `org/project`, as
   * sentry-cli 3.8 names it: a base it uploaded then matches a head uploaded here.
   */
  repoName: string;
  provider: string;
}

// scp-like syntax: `[user@]host:path`, where the path does not start with `/`.
const scpLikePattern = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/;

/** Reads host, `owner/repo` and provider from a remote URL in any form git accepts; `undefined` for local paths. */
export function parseRemoteUrl(url: string): RemoteRepository | undefined {
  const trimmed = url.trim();
  let host: string;
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return undefined;
    }
    if (parsed.protocol === 'file:' || !parsed.hostname) return undefined;
    host = parsed.hostname.toLowerCase();
    path = decodeURIComponent(parsed.pathname);
  } else {
    const match = scpLikePattern.exec(trimmed);
    if (!match) return undefined;
    host = match[1]!.toLowerCase();
    path = match[2]!;
  }
  const repoName = repoNameFromPath(host, path);
  const provider = providerForHost(host, path);
  if (!repoName || !provider) return undefined;
  return { host, repoName, provider };
}

function repoNameFromPath(host: string, rawPath: string): string | undefined {
  const segments = rawPath
    .replace(/\.git\/?$/, '')
    .split('/')
    .filter((segment) => segment !== '');
  if (host === 'ssh.dev.azure.com' || host === 'vs-ssh.visualstudio.com') {
    // v3/org/project/repo
    return segments[0] === 'v3' && segments.length === 4 ? `${segments[1]}/${segments[2]}` : undefined;
  }
  const gitIndex = segments.indexOf('_git');
  const repo = segments[gitIndex + 1];
  if (gitIndex !== -1 && repo && host === 'dev.azure.com') {
    // dev.azure.com/org/project/_git/repo; dev.azure.com/org/_git/repo when project and repo share a name
    return `${segments[0]}/${gitIndex >= 2 ? segments[gitIndex - 1] : repo}`;
  }
  if (gitIndex !== -1 && repo && host.endsWith('.visualstudio.com')) {
    // org.visualstudio.com/[collection/][project/]_git/repo
    const before = segments[gitIndex - 1];
    const project = before && before.toLowerCase() !== 'defaultcollection' ? before : repo;
    return `${host.split('.')[0]}/${project}`;
  }
  if (host.startsWith('git-codecommit.') && segments[0] === 'v1' && segments[1] === 'repos') {
    return segments[2]; // AWS CodeCommit: /v1/repos/<name>
  }
  if (segments[0] === 'scm') segments.shift(); // Bitbucket Server: /scm/PROJECT/repo.git
  return segments.length >= 2 ? segments.join('/') : undefined;
}
