import { close as closeFd, constants, fstat, open as openFd } from 'node:fs';
import { mkdir, open, realpath, rm } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import pMap from 'p-map';
import { type Entry, fromRandomAccessReaderPromise, type ZipFile } from 'yauzl';
import { isSnapshotsError, SnapshotsError } from '../errors.js';
import { shownValue } from '../schemas/shown-value.js';
import { entryOutputPath } from './entry-output-path.js';
import { FileRangeReader } from './file-range-reader.js';

/** Bounds that make a zip bomb fail before anything is written. */
export interface ExtractLimits {
  /** Most entries, files and folders; a snapshot holds at most 50,000 images, plus their folders. */
  maxEntries?: number;
  /** Most bytes once uncompressed, summed over all files. */
  maxTotalBytes?: number;
}

export interface ExtractZipOptions extends ExtractLimits {
  /** Entries written at once; small files gain most from overlapping their reads and writes. */
  concurrency?: number;
  signal?: AbortSignal | undefined;
}

export interface ExtractedZip {
  /** Absolute path of the folder the files went to (symbolic links resolved). */
  outputDir: string;
  /** Relative `/`-separated paths of the files written, in archive order. */
  files: string[];
  /** Bytes written. */
  bytes: number;
}

export const DEFAULT_MAX_ENTRIES = 100_000;
export const DEFAULT_MAX_TOTAL_BYTES = 32 * 1024 ** 3;

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
/** Write a file, but never through a symbolic link already at its place. */
const writeFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

interface PlannedFile {
  entry: Entry;
  name: string;
  target: string;
}

/**
 * Extracts a zip file into `outputDir` without letting any entry write outside it. Every entry
 * is checked before the first byte is written (names, symbolic links, encryption, entry count,
 * declared total size); data is streamed from disk, yauzl stops an entry that holds more bytes
 * than its header declares (so the size bound holds), and each file's CRC-32 is checked.
 */
export async function extractZip(
  zipPath: string,
  outputDir: string,
  options: ExtractZipOptions = {},
): Promise<ExtractedZip> {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const zip = await openZip(zipPath);
  try {
    if (zip.entryCount > maxEntries) {
      throw unsafe(`holds ${zip.entryCount} entries, more than the limit of ${maxEntries}`, {
        entries: zip.entryCount,
        maxEntries,
      });
    }
    await mkdir(outputDir, { recursive: true }).catch((error: unknown) => {
      throw unwritable(outputDir, error);
    });
    const root = await realpath(outputDir);
    const planned = await planFiles(zip, root, maxTotalBytes);
    const folders = new Map<string, Promise<string>>();
    const written = await pMap(
      planned,
      async (file) => {
        const folder = dirname(file.target);
        if (!folders.has(folder)) folders.set(folder, checkedFolder(folder, root));
        return writeEntry(zip, file, (await folders.get(folder)) ?? root, options.signal);
      },
      { concurrency: options.concurrency ?? 4, ...(options.signal ? { signal: options.signal } : {}) },
    );
    return {
      outputDir: root,
      files: planned.map((file) => file.name),
      bytes: written.reduce((sum, bytes) => sum + bytes, 0),
    };
  } finally {
    zip.close();
  }
}

async function openZip(zipPath: string): Promise<ZipFile> {
  // A bare descriptor, not a FileHandle: the reader owns it, and yauzl closes it through the reader.
  const fd = await promisify(openFd)(zipPath, 'r');
  try {
    const { size } = await promisify(fstat)(fd);
    return await fromRandomAccessReaderPromise(new FileRangeReader(fd), size, {
      autoClose: false,
      decodeStrings: true,
      strictFileNames: true,
      validateEntrySizes: true,
    });
  } catch (error) {
    await promisify(closeFd)(fd);
    throw notAZip(error);
  }
}

async function planFiles(zip: ZipFile, root: string, maxTotalBytes: number): Promise<PlannedFile[]> {
  const planned = new Map<string, PlannedFile>();
  const folders = new Set<string>();
  let totalBytes = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      const target = entryOutputPath(root, name);
      // Folders are made as files need them, so a folder entry only has its name checked.
      if (name.endsWith('/')) {
        addFolders(folders, target, root);
        continue;
      }
      addFolders(folders, dirname(target), root);
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        throw unsafe(`holds a symbolic link, ${shownValue(name)}`, { entry: name });
      }
      if (entry.isEncrypted() || !entry.canDecodeFileData()) {
        throw notAZip(
          undefined,
          `entry ${shownValue(name)} is encrypted or uses an unknown compression method`,
        );
      }
      totalBytes += entry.uncompressedSize;
      if (totalBytes > maxTotalBytes) {
        throw unsafe(`unpacks to more than the limit of ${maxTotalBytes} bytes`, { maxTotalBytes });
      }
      // A name given twice keeps its last entry, as sequential extraction would.
      planned.delete(target);
      planned.set(target, { entry, name, target });
    }
  } catch (error) {
    if (isSnapshotsError(error)) throw error;
    // yauzl refuses unsafe names itself, before our own check sees them.
    const message = error instanceof Error ? error.message : String(error);
    if (/^(absolute path|invalid relative path|invalid characters in fileName)/.test(message)) {
      throw unsafe(
        `holds an entry that could write outside the output folder (${shownValue(message, 200)})`,
        {},
      );
    }
    throw notAZip(error);
  }
  for (const file of planned.values()) {
    if (folders.has(file.target)) {
      throw unsafe(`holds both a file and a folder named ${shownValue(file.name)}`, { entry: file.name });
    }
  }
  return [...planned.values()];
}

/** Adds `folder` and each folder above it, up to `root`. */
function addFolders(folders: Set<string>, folder: string, root: string): void {
  for (
    let current = folder;
    current.length > root.length && !folders.has(current);
    current = dirname(current)
  ) {
    folders.add(current);
  }
}

/** Makes a file's folder and returns its real path. */
async function checkedFolder(folder: string, root: string): Promise<string> {
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw unwritable(folder, error);
  });
  // A symbolic link already inside the output folder must not lead a write out of it.
  const real = await realpath(folder);
  if (real !== root && !real.startsWith(root + sep)) {
    throw unsafe(
      `would be written through a symbolic link leaving the output folder, via ${shownValue(relative(root, folder))}`,
      {
        via: relative(root, folder),
      },
    );
  }
  return real;
}

async function writeEntry(
  zip: ZipFile,
  file: PlannedFile,
  real: string,
  signal: AbortSignal | undefined,
): Promise<number> {
  let bytes = 0;
  let crc = 0;
  let opened = false;
  try {
    // The output file first: yauzl inflates into its size check as soon as the entry's stream
    // exists, so an oversized entry could fail while the file was still opening, with no listener.
    const sink = await open(join(real, basename(file.target)), writeFlags, 0o644);
    opened = true;
    const data = await zip.openReadStreamPromise(file.entry).catch(async (error: unknown) => {
      await sink.close();
      throw error;
    });
    data.on('data', (chunk: Buffer) => {
      bytes += chunk.byteLength;
      crc = crc32(chunk, crc);
    });
    await pipeline(data, sink.createWriteStream(), { ...(signal === undefined ? {} : { signal }) });
    if (crc !== file.entry.crc32) {
      throw notAZip(undefined, `the data of ${shownValue(file.name)} does not match its CRC-32`);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Only a file this entry began to write is removed, and a failing removal never hides why.
    if (opened) await rm(file.target, { force: true }).catch(() => {});
    if (signal?.aborted || isSnapshotsError(error)) throw error;
    if (code === 'ELOOP') {
      throw unsafe(`would be written over a symbolic link in the output folder, ${shownValue(file.name)}`, {
        entry: file.name,
      });
    }
    if (typeof code === 'string') throw unwritable(file.target, error);
    const message = error instanceof Error ? error.message : String(error);
    if (/bytes in the stream/.test(message)) {
      throw unsafe(`holds more or fewer bytes than its header declares in ${shownValue(file.name)}`, {
        entry: file.name,
      });
    }
    throw notAZip(error);
  }
  return bytes;
}

function unsafe(reason: string, details: Record<string, unknown>): SnapshotsError {
  return new SnapshotsError('UNSAFE_ARCHIVE', `The archive ${reason}.`, {
    details,
    hint: 'An archive from Sentry never looks like this: check what answered instead of Sentry.',
  });
}

/** `reason` defaults to the cause's message, quoted: yauzl's messages may hold an entry's name. */
function notAZip(
  cause: unknown,
  reason = shownValue(cause instanceof Error ? cause.message : String(cause), 200),
): SnapshotsError {
  return new SnapshotsError('INVALID_RESPONSE', `The downloaded archive is not a readable zip (${reason}).`, {
    cause,
    hint: 'Try again; if it persists, a proxy may have answered instead of Sentry.',
  });
}

function unwritable(path: string, cause: unknown): SnapshotsError {
  const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
  return new SnapshotsError('OUTPUT_UNWRITABLE', `Cannot write ${path} (${reason}).`, {
    cause,
    option: 'output',
    hint: 'Choose an output folder you can write to, with enough free space.',
  });
}
