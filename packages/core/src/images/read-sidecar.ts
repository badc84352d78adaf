import { readFileSync } from 'node:fs';
import { SnapshotsError } from '../errors.js';
import { nestsDeeperThan } from './json-nesting.js';

/** Its metadata, or why it is ignored (a clause that follows its name). */
export type SidecarResult = { metadata: Record<string, unknown> } | { ignored: string };

/**
 * How deep a sidecar may nest, the sidecar object being level 1. The snapshot wraps it two levels
 * deeper, and Sentry's Python server reads and writes JSON recursively (its standard reader stops
 * near 1,000 levels): 100 leaves a wide margin, far beyond any real metadata.
 */
export const MAX_SIDECAR_DEPTH = 100;

/**
 * Reads the JSON sidecar of an image; anything but a JSON object is ignored with a warning
 * (docs/sentry-api.md, "Finding images"). Synchronous: sidecars are a few hundred bytes, so the
 * promise API's four thread-pool round trips per file cost several times the read itself (whole
 * uploads are measured in the bench, bench/results/latest.md).
 *
 * A sidecar nested deeper than {@link MAX_SIDECAR_DEPTH} is refused (`INVALID_MANIFEST`): ignoring
 * it would change what the user asked to send, and sending it would fail only after the upload.
 */
export function readSidecarSync(path: string): SidecarResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ignored: `cannot read it (${code})` };
  }
  if (nestsDeeperThan(text, MAX_SIDECAR_DEPTH)) {
    throw new SnapshotsError(
      'INVALID_MANIFEST',
      `The sidecar ${path} nests deeper than ${MAX_SIDECAR_DEPTH} levels of objects and arrays, more than Sentry can read.`,
      {
        hint: `Flatten the sidecar's metadata to at most ${MAX_SIDECAR_DEPTH} levels, or remove the file; nothing was uploaded.`,
        details: { path, maxDepth: MAX_SIDECAR_DEPTH },
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ignored: `it is not valid JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    return { ignored: `it must be a JSON object, not ${kind}` };
  }
  return { metadata: value as Record<string, unknown> };
}
