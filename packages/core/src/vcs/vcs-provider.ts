/**
 * The short provider name Sentry expects in `provider`, from a git host. Sentry's integration keys
 * (`github`, `github_enterprise`, `gitlab`, `bitbucket`, `bitbucket_server`, and `azure` for Azure
 * DevOps, as sentry-cli 3.8.0 sends it for dev.azure.com remotes) where the host is recognisable;
 * otherwise the host's second-level label, as the official clients send it.
 */
export function providerForHost(host: string, path = ''): string | undefined {
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  if (!name) return undefined;
  if (name === 'github.com' || name.endsWith('.github.com')) return 'github';
  if (name.endsWith('.ghe.com')) return 'github_enterprise';
  if (name === 'gitlab.com' || name.endsWith('.gitlab.com')) return 'gitlab';
  if (name === 'bitbucket.org' || name.endsWith('.bitbucket.org')) return 'bitbucket';
  if (name === 'dev.azure.com' || name.endsWith('.dev.azure.com') || name.endsWith('.visualstudio.com')) {
    return 'azure';
  }
  const labels = name.split('.');
  if (labels.includes('github')) return 'github_enterprise';
  if (labels.includes('gitlab')) return 'gitlab';
  if (labels.includes('bitbucket') || /^\/?scm\//.test(path)) return 'bitbucket_server';
  return labels.length >= 2 ? labels.at(-2) : name;
}
