import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { onTestFinished } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index.js';

/** Starts an emulator on port 0 in a fresh temp folder, closed when the test ends. */
export async function useEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const emulator = await startEmulator({ dataDir: await makeTempDir('emulator-'), ...options });
  onTestFinished(() => emulator.close());
  return emulator;
}

export interface ApiCall {
  method?: string;
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls `{url}/api/0/<path>` with the emulator's token unless told otherwise; answers status and parsed JSON. */
export async function callApi(
  emulator: Emulator,
  path: string,
  { method = 'GET', token = emulator.token, body, headers = {} }: ApiCall = {},
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const response = await fetch(`${emulator.url}/api/0/${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined || body instanceof Uint8Array ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** A SHA-256 content hash made of one repeated hex digit. */
export const contentHash = (digit: string) => digit.repeat(64);
/** A git commit SHA-1 made of one repeated hex digit. */
export const commitSha = (digit: string) => digit.repeat(40);
