import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SnapshotsError } from '../errors.js';
import { explainAbort } from '../explain-abort.js';
import { createSentryClient } from '../http/index.js';
import { prepareOutputFolder } from '../output/prepare-output-folder.js';
import { parseArtifactIdOption } from '../schemas/index.js';
import type { World } from '../world.js';
import { DOWNLOAD_FOLDER_PREFIX, makeDownloadFolder } from './download-folder.js';
import { type ExtractLimits, extractZip } from './extract-zip.js';
import { waitForArchive } from './wait-for-archive.js';

export interface DownloadSnapshotOptions {
  url: string;
  authToken: string;
  headers?: Record<string, string> | undefined;
  org: string;
  /** Narrows the latest-base search to one project. */
  project?: string | undefined;
  /** A given snapshot; or `appId` for the newest base snapshot of an app. */
  snapshotId?: string | undefined;
  appId?: string | undefined;
  /** Only with `appId`: the newest base built from this branch. */
  branch?: string | undefined;
  /** Folder the images go to, resolved against the world's cwd; made when missing. */
  output: string;
  /** Empty the output folder before the images are written; otherwise one that is not empty is refused. */
  clean?: boolean | undefined;
  /** How long to wait for Sentry to build the archive. */
  timeoutMs: number;
  intervalMs?: number | undefined;
  maxIntervalMs?: number | undefined;
  /**
   * Where the hidden working folder for the zip goes while it is extracted: the output folder
   * unless given, since that is the one place the download must be able to write anyway. Working
   * folders that killed downloads left there are removed (see `makeDownloadFolder`).
   */
  tempDir?: string | undefined;
  limits?: ExtractLimits | undefined;
  onEvent?: ((event: DownloadEvent) => void) | undefined;
}

/** What a frontend may tell the user as the download advances. */
export type DownloadEvent =
  | { kind: 'resolving'; appId: string; branch: string | undefined }
  | { kind: 'resolved'; artifactId: string; imageCount: number }
  | { kind: 'building'; artifactId: string }
  | { kind: 'downloading'; artifactId: string }
  | { kind: 'extracting'; artifactId: string; archiveBytes: number };

export interface DownloadSnapshotResult {
  artifactId: string;
  /** Absolute path of the folder the images are in. */
  output: string;
  /** Relative `/`-separated image names, as uploaded (the snapshot's image keys). */
  files: string[];
  /** Bytes of the images written. */
  bytes: number;
  /** Bytes of the zip downloaded. */
  archiveBytes: number;
}

/**
 * Downloads the images of a snapshot (a given one, or the latest base of an app) through its
 * archive, and extracts them safely into a folder: the same flow as `sentry-cli snapshots download`.
 * An abort of the world's signal stops it with `ABORTED`, saying what was left in the folder.
 */
export function downloadSnapshot(
  options: DownloadSnapshotOptions,
  world: World,
): Promise<DownloadSnapshotResult> {
  let last: DownloadEvent | undefined;
  const onEvent = (event: DownloadEvent) => {
    last = event;
    options.onEvent?.(event);
  };
  return explainAbort(
    world.signal,
    (cause) => interruptedDownload(last, options.snapshotId, resolve(world.cwd, options.output), cause),
    () => fetchSnapshot({ ...options, onEvent }, world),
  );
}

/** What an interrupted download left: by then its working folder, the partial zip in it, is removed. */
function interruptedDownload(
  last: DownloadEvent | undefined,
  snapshotId: string | undefined,
  output: string,
  cause: unknown,
): SnapshotsError {
  const artifactId = last !== undefined && 'artifactId' in last ? last.artifactId : snapshotId;
  const what = artifactId === undefined ? 'The download' : `The download of snapshot ${artifactId}`;
  const stage = last?.kind ?? 'starting';
  const during = {
    starting: 'before its archive was ready',
    resolving: 'while looking for the latest base snapshot',
    resolved: 'before its archive was ready',
    building: 'while Sentry built its archive',
    downloading: 'while its archive was downloaded (the partial archive was removed)',
    extracting: 'while its images were extracted',
  }[stage];
  const left =
    stage === 'extracting'
      ? `some images were already written to ${output}`
      : `nothing was written to ${output}`;
  return new SnapshotsError('ABORTED', `${what} was interrupted ${during}; ${left}.`, {
    cause,
    details: { ...(artifactId === undefined ? {} : { artifactId }), output, stage },
    hint: 'Running the download again is safe: it starts over and writes every image anew.',
  });
}

async function fetchSnapshot(
  options: DownloadSnapshotOptions,
  world: World,
): Promise<DownloadSnapshotResult> {
  if ((options.snapshotId === undefined) === (options.appId === undefined)) {
    throw new SnapshotsError('INVALID_OPTION', 'Exactly one of an app id and a snapshot id must be given.', {
      option: 'snapshotId',
      hint: 'Give a snapshot id for one snapshot, or an app id for the latest base snapshot of an app.',
    });
  }
  if (options.branch !== undefined && options.appId === undefined) {
    throw new SnapshotsError('INVALID_OPTION', 'A branch can only be given with an app id.', {
      option: 'branch',
      hint: 'A snapshot id names one snapshot already: leave the branch out.',
    });
  }
  const givenId =
    options.snapshotId === undefined ? undefined : parseArtifactIdOption(options.snapshotId, 'snapshotId');
  const output = resolve(world.cwd, options.output);
  // Checked before any request; emptied only once the archive is here, so a failed download keeps it.
  const outputFolder = await prepareOutputFolder(output, {
    shown: options.output,
    option: 'output',
    clean: options.clean === true,
    keep: (name) => name.startsWith(DOWNLOAD_FOLDER_PREFIX),
    protect: [world.cwd, ...(options.tempDir === undefined ? [] : [resolve(world.cwd, options.tempDir)])],
  });
  const client = createSentryClient(
    {
      url: options.url,
      authToken: options.authToken,
      ...(options.headers ? { headers: options.headers } : {}),
    },
    world,
  );
  const emit = options.onEvent ?? (() => {});
  let artifactId = givenId ?? '';
  if (options.appId !== undefined) {
    emit({ kind: 'resolving', appId: options.appId, branch: options.branch });
    const base = await client.getLatestBase(options.org, {
      appId: options.appId,
      ...(options.branch === undefined ? {} : { branch: options.branch }),
      ...(options.project === undefined ? {} : { project: options.project }),
    });
    if (base === undefined) {
      const onBranch = options.branch === undefined ? '' : ` on branch '${options.branch}'`;
      throw new SnapshotsError(
        'NO_BASE_SNAPSHOT',
        `No baseline snapshot found for app '${options.appId}'${onBranch}.`,
        {
          details: {
            org: options.org,
            appId: options.appId,
            branch: options.branch,
            project: options.project,
          },
          hint: 'A base snapshot is one uploaded without a base SHA (a build of the main branch); check the app id, the branch and the project.',
        },
      );
    }
    artifactId = base.head_artifact_id;
    emit({ kind: 'resolved', artifactId, imageCount: base.image_count });
  }

  await waitForArchive(
    client,
    {
      org: options.org,
      artifactId,
      timeoutMs: options.timeoutMs,
      intervalMs: options.intervalMs,
      maxIntervalMs: options.maxIntervalMs,
      onBuild: () => emit({ kind: 'building', artifactId }),
    },
    world,
  );

  const tempParent = options.tempDir ?? output;
  const unwritable =
    (what: string) =>
    (error: unknown): never => {
      throw new SnapshotsError(
        'OUTPUT_UNWRITABLE',
        `Cannot create ${what} (${(error as NodeJS.ErrnoException).code ?? error}).`,
        { cause: error, option: 'output', hint: 'Choose an output folder you can write to.' },
      );
    };
  await mkdir(tempParent, { recursive: true }).catch(unwritable(tempParent));
  const temp = await makeDownloadFolder(tempParent, world).catch(unwritable(`a folder in ${tempParent}`));
  try {
    emit({ kind: 'downloading', artifactId });
    // A name of our own: nothing from the server goes into a path.
    const zipPath = join(temp.path, 'snapshot.zip');
    const { bytes: archiveBytes } = await client.downloadArchive(options.org, artifactId, zipPath);
    await outputFolder.clear();
    emit({ kind: 'extracting', artifactId, archiveBytes });
    const extracted = await extractZip(zipPath, output, { ...options.limits, signal: world.signal });
    return {
      artifactId,
      output: extracted.outputDir,
      files: extracted.files,
      bytes: extracted.bytes,
      archiveBytes,
    };
  } finally {
    await temp.remove();
  }
}
