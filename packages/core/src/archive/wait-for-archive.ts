import { SnapshotsError } from '../errors.js';
import { explainAbort } from '../explain-abort.js';
import type { SentryClient } from '../http/index.js';
import type { World } from '../world.js';

export interface WaitForArchiveOptions {
  org: string;
  artifactId: string;
  /** Give up after this long; the build goes on at Sentry. */
  timeoutMs: number;
  /** First pause between polls; it grows by half each time up to `maxIntervalMs`. */
  intervalMs?: number | undefined;
  maxIntervalMs?: number | undefined;
  /** Called once when the archive has to be built first. */
  onBuild?: (() => void) | undefined;
}

type ArchiveClient = Pick<SentryClient, 'getArchiveStatus' | 'startArchive'>;

/**
 * Makes sure the zip of a snapshot's images exists: asks, starts a build when needed, polls until
 * ready. An abort of the world's signal stops it with `ABORTED`.
 */
export function waitForArchive(
  client: ArchiveClient,
  options: WaitForArchiveOptions,
  world: World,
): Promise<void> {
  return explainAbort(
    world.signal,
    (cause) =>
      new SnapshotsError(
        'ABORTED',
        `Waiting for the archive of snapshot ${options.artifactId} was interrupted; a build goes on at Sentry.`,
        {
          cause,
          details: { org: options.org, artifactId: options.artifactId },
          hint: 'Running it again is safe: it finds the archive Sentry built meanwhile.',
        },
      ),
    () => pollArchive(client, options, world),
  );
}

async function pollArchive(
  client: ArchiveClient,
  options: WaitForArchiveOptions,
  world: World,
): Promise<void> {
  const { org, artifactId } = options;
  if ((await client.getArchiveStatus(org, artifactId)).ready) return;
  options.onBuild?.();
  await client.startArchive(org, artifactId);
  const deadline = world.clock.now() + options.timeoutMs;
  const maxInterval = options.maxIntervalMs ?? 5_000;
  let interval = options.intervalMs ?? 500;
  for (;;) {
    const remaining = deadline - world.clock.now();
    if (remaining <= 0) {
      throw new SnapshotsError(
        'ARCHIVE_NOT_READY',
        `The archive of snapshot ${artifactId} was not ready after ${Math.round(options.timeoutMs / 1000)} s.`,
        {
          details: { org, artifactId },
          option: 'archiveTimeout',
          hint: 'The build may still be running at Sentry: try again shortly, or wait longer.',
        },
      );
    }
    await world.clock.sleep(Math.min(interval, remaining), world.signal);
    interval = Math.min(interval * 1.5, maxInterval);
    if ((await client.getArchiveStatus(org, artifactId)).ready) return;
  }
}
