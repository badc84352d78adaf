import { SnapshotsError } from '../errors.js';
import type { ObjectStoreOptions } from '../schemas/index.js';

type Scopes = ObjectStoreOptions['scopes'];

/** `{orgId}/{projectId}/{contentHash}`: the key an image's bytes live under. */
export function objectKey(scopes: Scopes, contentHash: string): string {
  return `${scopeValue(scopes, 'org')}/${scopeValue(scopes, 'project')}/${contentHash}`;
}

/** `{orgId}/{projectId}`: the part of every object key that names where it is stored. */
export function objectScope(scopes: Scopes): string {
  return `${scopeValue(scopes, 'org')}/${scopeValue(scopes, 'project')}`;
}

/** The scopes path segment, `org=1;project=2`, in the order the server gave them. */
export function scopesPath(scopes: Scopes): string {
  return scopes.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join(';');
}

/** A key in a URL path: each segment encoded on its own so `/` stays a separator. */
export function keyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

const plainKey = /^[A-Za-z0-9/]*$/;

/** A key in a batch part header: every byte that is not an ASCII letter or digit is percent-encoded. */
export function batchOperationKey(key: string): string {
  // Image keys (`<org id>/<project id>/<sha256>`) need only their slashes encoded: the fast path
  // of 50,000 keys in a warm upload's checks.
  if (plainKey.test(key)) return key.replaceAll('/', '%2F');
  // encodeURIComponent escapes UTF-8 bytes in upper-case hex already; it leaves only these marks.
  return encodeURIComponent(key).replace(
    /[-_.!~*'()]/g,
    (mark) => `%${mark.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function scopeValue(scopes: Scopes, name: string): string {
  const scope = scopes.find(([scopeName]) => scopeName === name);
  if (scope === undefined) {
    throw new SnapshotsError('INVALID_RESPONSE', `The upload options' object-store scopes lack "${name}".`);
  }
  return scope[1];
}
