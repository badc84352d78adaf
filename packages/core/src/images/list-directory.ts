import { type Dirent, readdirSync } from 'node:fs';
import { sep } from 'node:path';
import { decodeUtf8Name, escapeInvalidUtf8 } from './utf8-file-name.js';

/** What the walk needs of a directory entry. */
export type DirectoryEntry = Pick<Dirent, 'name' | 'isDirectory' | 'isFile' | 'isSymbolicLink'>;

export interface UndecodableEntry {
  /** The name with its bytes that are not UTF-8 shown as `\xNN`. */
  shownName: string;
  /** The full path as bytes: the only way to reach the entry. */
  pathBytes: Buffer;
  entry: Pick<Dirent<Buffer>, 'isDirectory' | 'isFile' | 'isSymbolicLink'>;
}

export interface DirectoryListing {
  entries: DirectoryEntry[];
  /** Entries whose names are not valid UTF-8: no string path reaches them. */
  undecodable: UndecodableEntry[];
}

/**
 * Lists a folder. Node decodes a name that is not valid UTF-8 with U+FFFD in place of the bad
 * bytes, and the path built from that names no file (ENOENT); only then is the folder read again as
 * bytes, to tell such names apart from names that really hold U+FFFD.
 */
export function listDirectory(path: string): DirectoryListing {
  const entries = readdirSync(path, { withFileTypes: true });
  if (!entries.some((entry) => entry.name.includes('\ufffd'))) return { entries, undecodable: [] };
  const listing: DirectoryListing = { entries: [], undecodable: [] };
  const folder = Buffer.from(path.endsWith(sep) ? path : path + sep);
  for (const entry of readdirSync(path, { withFileTypes: true, encoding: 'buffer' })) {
    const name = decodeUtf8Name(entry.name);
    if (name === undefined) {
      const pathBytes = Buffer.concat([folder, entry.name]);
      listing.undecodable.push({ shownName: escapeInvalidUtf8(entry.name), pathBytes, entry });
    } else {
      listing.entries.push({
        name,
        isDirectory: () => entry.isDirectory(),
        isFile: () => entry.isFile(),
        isSymbolicLink: () => entry.isSymbolicLink(),
      });
    }
  }
  return listing;
}
