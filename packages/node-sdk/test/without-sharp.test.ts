import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '@sentry-snapshots/emulator';
import { encodePng } from '@sentry-snapshots/test-kit/images';
import { runProcess } from '@sentry-snapshots/test-kit/run-process';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { useTestEmulator } from '@sentry-snapshots/test-kit/test-emulator';
import { describe, expect, it } from 'vitest';
import coreManifest from '../../core/package.json' with { type: 'json' };
import sdkManifest from '../package.json' with { type: 'json' };

const testbed = useTestEmulator(startEmulator);

/** A resolve hook that makes sharp (and its native parts) impossible to find, as on an upload-only install. */
const withoutSharp = `
export async function resolve(specifier, context, next) {
  if (specifier === 'sharp' || specifier.startsWith('@img/')) {
    throw Object.assign(new Error("Cannot find package '" + specifier + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return next(specifier, context);
}`;

const script = (sdk: string, core: string) => `
import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(withoutSharp)}`)});
const { uploadSnapshots } = await import(${JSON.stringify(sdk)});
const { decodeImage } = await import(${JSON.stringify(core)});
const result = await uploadSnapshots({ path: process.argv[2], appId: 'no-sharp', gitMetadata: 'off' });
const compared = await decodeImage(new Uint8Array(8)).then(() => 'decoded', (error) => error.code);
console.log(JSON.stringify({ stored: result.objects.stored, compared }));
`;

describe('an upload-only install', () => {
  it('declares nothing native: sharp is an optional peer of core and the SDK', () => {
    for (const manifest of [sdkManifest, coreManifest] as {
      dependencies?: object;
      peerDependenciesMeta?: object;
    }[]) {
      expect(Object.keys(manifest.dependencies ?? {})).not.toContain('sharp');
      expect(manifest.peerDependenciesMeta).toEqual({ sharp: { optional: true } });
    }
  });

  it('uploads with sharp missing, and comparing says which package to install', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'home.png'), encodePng({ width: 4, height: 3, seed: 7 }));
    const entry = join(dir, 'upload.mjs');
    const dist = (pkg: string) =>
      pathToFileURL(join(import.meta.dirname, '..', '..', pkg, 'dist', 'index.mjs')).href;
    await writeFile(entry, script(dist('node-sdk'), dist('core')));
    const { code, stdout, stderr } = await runProcess(process.execPath, [entry, dir], { env: testbed.env() });
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ stored: 1, compared: 'MISSING_DEPENDENCY' });
  });
});
