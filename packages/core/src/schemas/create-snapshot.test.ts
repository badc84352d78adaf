import { describe, expect, it } from 'vitest';
import { isValidatedManifest, validateSnapshotManifest } from './create-snapshot.js';

const body = { app_id: 'app', images: { 'a.png': { content_hash: 'abc', width: 1, height: 2 } } };

describe('isValidatedManifest', () => {
  it('knows the manifest validateSnapshotManifest returned', () => {
    const validation = validateSnapshotManifest(body);
    if (!validation.ok) throw new Error(validation.detail);
    expect(isValidatedManifest(validation.manifest)).toBe(true);
  });

  it('does not vouch for a copy or an unchecked object', () => {
    const validation = validateSnapshotManifest(body);
    if (!validation.ok) throw new Error(validation.detail);
    expect(isValidatedManifest({ ...validation.manifest })).toBe(false);
    expect(isValidatedManifest(body)).toBe(false);
  });
});
