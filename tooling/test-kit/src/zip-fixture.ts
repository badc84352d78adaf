import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a hand-made zip; every field a malicious archive could lie about is settable. */
export interface FixtureEntry {
  name: string;
  data?: Uint8Array | string;
  deflate?: boolean;
  /** Unix mode in the high half of the external attributes (0o120777 makes a symlink). */
  unixMode?: number;
  /** Overrides the uncompressed size written in both headers. */
  declaredSize?: number;
  /** Overrides the CRC-32 written in both headers. */
  crc?: number;
}

/**
 * Writes a zip byte by byte (no library would write the malicious ones the tests need): local
 * headers, data, central directory, end record. No zip64, no data descriptors.
 */
export function buildZip(entries: FixtureEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data) : Buffer.from(entry.data ?? []);
    const stored = entry.deflate ? deflateRawSync(raw) : raw;
    const size = entry.declaredSize ?? raw.byteLength;
    const common = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      header.writeUInt16LE(entry.deflate ? 8 : 0, at + 4);
      header.writeUInt32LE(0, at + 6); // time and date
      header.writeUInt32LE(entry.crc ?? crc32(raw), at + 10);
      header.writeUInt32LE(stored.byteLength, at + 14);
      header.writeUInt32LE(size, at + 18);
      header.writeUInt16LE(name.byteLength, at + 22);
      header.writeUInt16LE(0, at + 24); // extra length
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    locals.push(local, name, stored);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.unixMode === undefined ? 20 : 0x0314, 4); // made by: Unix when a mode is set
    common(central, 6);
    central.writeUInt32LE(((entry.unixMode ?? 0) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.byteLength + name.byteLength + stored.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
