import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type DefaultDispatcherOptions, type Env, SnapshotsError } from '@sentry-snapshots/core';
import { parse } from 'ini';

/** Section → key → value, merged from every file `sentry-cli` would read. */
export type SentryCliConfig = Record<string, Record<string, string>>;

const PROJECT_FILE_NAMES = ['.sentryclirc', 'sentrycli.ini'];

/**
 * Reads configuration the way `sentry-cli` does: `~/.sentryclirc` first, then the nearest
 * `.sentryclirc` (or `sentrycli.ini`) found upward from `cwd` over it, then the Java-style
 * properties file named by `SENTRY_PROPERTIES` over both.
 */
export async function loadSentryCliConfig(options: {
  cwd: string;
  home: string | undefined;
  env: Env;
}): Promise<SentryCliConfig> {
  const config: SentryCliConfig = {};
  if (options.home) merge(config, parse((await readOptional(join(options.home, '.sentryclirc'))) ?? ''));
  const projectFile = await findProjectFile(options.cwd);
  if (projectFile) merge(config, parse(projectFile));
  const propertiesPath = options.env.SENTRY_PROPERTIES;
  if (propertiesPath)
    merge(config, sectionsFromProperties(parse((await readOptional(propertiesPath)) ?? '')));
  return config;
}

/**
 * The config's values under the env var names that mean the same, so that one lookup order
 * (flag, then env, then file) serves both.
 */
export function sentryCliConfigAsEnv(config: SentryCliConfig): Record<string, string> {
  const entries: [string, string | undefined][] = [
    ['SENTRY_AUTH_TOKEN', config.auth?.token],
    ['SENTRY_URL', config.defaults?.url],
    ['SENTRY_ORG', config.defaults?.org],
    ['SENTRY_PROJECT', config.defaults?.project],
    ['SENTRY_LOG_LEVEL', config.log?.level],
    ['CUSTOM_HEADER', config.defaults?.custom_header],
    ['SENTRY_VCS_REMOTE', config.defaults?.vcs_remote],
    ['SENTRY_HTTP_MAX_RETRIES', config.http?.max_retries],
    ['SENTRY_HTTP_TIMEOUT', config.http?.timeout],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * sentry-cli's `[http]` section as options of the default dispatcher, or `undefined` when it sets
 * none: `proxy_url` (with `proxy_username` and `proxy_password`), `verify_ssl` and `keepalive`.
 * Proxy variables in the environment still win over `proxy_url`, as in sentry-cli.
 */
export function httpSettingsFromConfig(config: SentryCliConfig): DefaultDispatcherOptions | undefined {
  const http = config.http ?? {};
  const settings: DefaultDispatcherOptions = {};
  if (http.proxy_url) settings.proxyUrl = proxyUrlWithCredentials(http);
  if (http.verify_ssl !== undefined) settings.verifyTls = configBoolean('verify_ssl', http.verify_ssl);
  if (http.keepalive !== undefined) settings.keepAlive = configBoolean('keepalive', http.keepalive);
  return Object.keys(settings).length > 0 ? settings : undefined;
}

function proxyUrlWithCredentials(http: Record<string, string>): string {
  let url: URL;
  try {
    url = new URL(http.proxy_url!.includes('://') ? http.proxy_url! : `http://${http.proxy_url}`);
  } catch {
    throw new SnapshotsError('INVALID_CONFIG_VALUE', `[http] proxy_url is not a URL: ${http.proxy_url}`, {
      hint: 'Write it as http://host:port in your .sentryclirc.',
    });
  }
  // The URL setters percent-encode; undici decodes them into a Basic Proxy-Authorization.
  if (http.proxy_username) url.username = http.proxy_username;
  if (http.proxy_password) url.password = http.proxy_password;
  return url.href;
}

function configBoolean(key: string, value: string): boolean {
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off'].includes(normalized)) return false;
  throw new SnapshotsError('INVALID_CONFIG_VALUE', `[http] ${key} must be true or false, not '${value}'.`, {
    hint: 'Fix the value in your .sentryclirc.',
  });
}

async function findProjectFile(cwd: string): Promise<string | undefined> {
  for (let dir = cwd; ; dir = dirname(dir)) {
    for (const name of PROJECT_FILE_NAMES) {
      const text = await readOptional(join(dir, name));
      if (text !== undefined) return text;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SnapshotsError('CONFIG_FILE_UNREADABLE', `Cannot read the config file ${path}.`, {
      cause: error,
      hint: 'Fix its permissions or remove it.',
    });
  }
}

function merge(into: SentryCliConfig, parsed: Record<string, unknown>): void {
  for (const [section, values] of Object.entries(parsed)) {
    if (typeof values !== 'object' || values === null) continue;
    into[section] ??= {};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
        into[section][key] = String(value);
      }
    }
  }
}

/** `defaults.url=…` lines → `{ defaults: { url } }`, split at the last dot as sentry-cli does. */
function sectionsFromProperties(parsed: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const sections: Record<string, Record<string, unknown>> = {};
  for (const [dotted, value] of Object.entries(parsed)) {
    const dot = dotted.lastIndexOf('.');
    if (dot <= 0) continue;
    const section = dotted.slice(0, dot);
    sections[section] ??= {};
    sections[section][dotted.slice(dot + 1)] = value;
  }
  return sections;
}
