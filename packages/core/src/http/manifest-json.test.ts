import { describe, expect, it } from 'vitest';
import type { SnapshotManifest } from '../schemas/create-snapshot.js';
import { encodeManifestJson } from './manifest-json.js';

const image = (index: number) => ({
  content_hash: index.toString(16).padStart(64, '0'),
  width: 2,
  height: 3,
});

describe('encodeManifestJson', () => {
  it('writes the same document as JSON.stringify, images last, across piece boundaries', () => {
    const images: SnapshotManifest['images'] = Object.fromEntries(
      Array.from({ length: 2500 }, (_, index) => [`flow/"quoted" ünïcode ${index}.png`, image(index)]),
    );
    images['tagged.png'] = { ...image(1), tags: ['dark', 'rtl'], display_name: 'Tagged \n "one"' };
    const manifest: SnapshotManifest = { app_id: 'web', head_sha: 'a'.repeat(40), pr_number: 7, images };
    const json = encodeManifestJson(manifest).toString();
    expect(JSON.parse(json)).toEqual(manifest);
    expect(json.endsWith('}}')).toBe(true);
    expect(json.indexOf('"images":')).toBeGreaterThan(json.indexOf('"pr_number":'));
    const { images: _, ...fields } = manifest;
    expect(json).toBe(JSON.stringify({ ...fields, images }));
  });

  it('writes a manifest of a thousand images or fewer in one go, the same document', () => {
    const images = Object.fromEntries(
      Array.from({ length: 1000 }, (_, index) => [`${index}.png`, image(index)]),
    );
    const manifest: SnapshotManifest = { images, app_id: 'web', head_sha: 'b'.repeat(40) };
    expect(encodeManifestJson(manifest).toString()).toBe(
      JSON.stringify({ app_id: 'web', head_sha: 'b'.repeat(40), images }),
    );
  });

  it('writes a manifest without images and one with only images', () => {
    expect(JSON.parse(encodeManifestJson({ app_id: 'web', images: {} }).toString())).toEqual({
      app_id: 'web',
      images: {},
    });
    const onlyImages = { images: { 'a.png': image(1) } } as unknown as SnapshotManifest;
    expect(JSON.parse(encodeManifestJson(onlyImages).toString())).toEqual(onlyImages);
  });
});
