import { readFileSync } from 'node:fs';

export type SidecarResult = { metadata: Record<string, unknown> } | { warning: string };

/**
 * Reads the JSON sidecar of an image; anything but a JSON object is ignored with a warning
 * (docs/sentry-api.md, "Finding images"). Synchronous: sidecars are a few hundred bytes, so the
 * promise API's four thread-pool round trips per file cost several times the read itself (whole
 * uploads are measured in the bench, bench/results/latest.md).
 */
export function readSidecarSync(path: string, name: string): SidecarResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { warning: `Ignored sidecar ${name}: cannot read it (${code}).` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { warning: `Ignored sidecar ${name}: it is not valid JSON (${(error as Error).message}).` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    return { warning: `Ignored sidecar ${name}: it must be a JSON object, not ${kind}.` };
  }
  return { metadata: value as Record<string, unknown> };
}
