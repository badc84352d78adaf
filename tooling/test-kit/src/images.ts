import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export type Rgba = readonly [number, number, number, number];

export interface ImageSpec {
  width: number;
  height: number;
  /** Paints a UI-like screen that is the same for the same seed and differs between seeds. */
  seed?: number;
  /** Paints one solid colour instead (wins over `seed`). */
  fill?: Rgba;
  /** Runs after the base paint, on RGBA bytes, row by row. */
  draw?: (pixels: Buffer, width: number, height: number) => void;
}

export interface PngSpec extends ImageSpec {
  /** PNG row filter; the default 1 (Sub) writes about 4× faster than adaptive (-1), and smaller here. */
  filterType?: -1 | 0 | 1 | 2 | 3 | 4;
}

export interface JpegSpec extends ImageSpec {
  quality?: number;
}

/** Small, fast, deterministic PRNG (mulberry32), so fixtures are byte-identical across runs. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function packColor([r, g, b, a]: Rgba): number {
  return (r | (g << 8) | (b << 16) | (a << 24)) >>> 0;
}

function fillRect(
  pixels: Uint32Array,
  width: number,
  height: number,
  rect: { x: number; y: number; w: number; h: number },
  color: number,
): void {
  const x0 = Math.max(0, Math.floor(rect.x));
  const x1 = Math.min(width, Math.floor(rect.x + rect.w));
  const y1 = Math.min(height, Math.floor(rect.y + rect.h));
  for (let y = Math.max(0, Math.floor(rect.y)); y < y1; y++)
    pixels.fill(color, y * width + x0, y * width + x1);
}

/** Paints a phone-app-like screen: status bar, title bar, list rows with avatars and text lines, tab bar. */
export function paintScreen(pixels: Buffer, width: number, height: number, seed: number): void {
  const random = createRandom(seed);
  const view = new Uint32Array(pixels.buffer, pixels.byteOffset, width * height);
  const dark = random() < 0.3;
  const hue = (): Rgba => [
    40 + Math.floor(random() * 200),
    40 + Math.floor(random() * 200),
    40 + Math.floor(random() * 200),
    255,
  ];
  const background = packColor(dark ? [24, 24, 28, 255] : [248, 248, 250, 255]);
  const text = packColor(dark ? [220, 220, 225, 255] : [40, 40, 48, 255]);
  const faint = packColor(dark ? [60, 60, 66, 255] : [225, 225, 230, 255]);
  const accent = packColor(hue());
  const rect = (x: number, y: number, w: number, h: number, color: number) =>
    fillRect(view, width, height, { x, y, w, h }, color);
  // Words of glyph-like pixel noise: antialiased text is what makes real screenshots compress poorly.
  const words = (x: number, y: number, w: number, h: number, color: number) => {
    const glyph = Math.max(2, Math.round(h * 0.6));
    let cursor = Math.floor(x);
    while (cursor < x + w) {
      const letters = 2 + Math.floor(random() * 7);
      const end = Math.min(Math.floor(x + w), cursor + letters * glyph);
      for (let row = Math.floor(y); row < Math.min(height, Math.floor(y + h)); row++) {
        for (let column = cursor; column < Math.min(end, width); column++) {
          if (random() < 0.45) view[row * width + column] = color;
        }
      }
      cursor = end + glyph;
    }
  };

  view.fill(background);
  const unit = Math.max(1, Math.round(height / 100));
  rect(0, 0, width, unit * 4, packColor(dark ? [0, 0, 0, 255] : [235, 235, 240, 255]));
  rect(0, unit * 4, width, unit * 7, accent);
  words(unit * 3, unit * 6.5, width * (0.3 + random() * 0.3), unit * 2, background);

  const rowHeight = unit * 9;
  const tabTop = height - unit * 8;
  for (let y = unit * 13; y + rowHeight < tabTop; y += rowHeight) {
    rect(unit * 3, y + unit * 1.5, unit * 6, unit * 6, packColor(hue()));
    words(unit * 12, y + unit * 2, (width - unit * 15) * (0.4 + random() * 0.6), unit * 1.5, text);
    words(unit * 12, y + unit * 5, (width - unit * 15) * (0.2 + random() * 0.6), unit * 1.2, faint);
    rect(unit * 3, y + rowHeight - 1, width - unit * 3, 1, faint);
  }
  rect(0, tabTop, width, height - tabTop, packColor(dark ? [32, 32, 36, 255] : [242, 242, 246, 255]));
  for (let tab = 0; tab < 4; tab++) {
    const color = tab === Math.floor(random() * 4) ? accent : faint;
    rect((width / 4) * tab + width / 8 - unit * 2, tabTop + unit * 2, unit * 4, unit * 4, color);
  }
}

function paint(spec: ImageSpec): Buffer {
  const pixels = Buffer.alloc(spec.width * spec.height * 4);
  if (spec.fill)
    new Uint32Array(pixels.buffer, pixels.byteOffset, spec.width * spec.height).fill(packColor(spec.fill));
  else paintScreen(pixels, spec.width, spec.height, spec.seed ?? 1);
  spec.draw?.(pixels, spec.width, spec.height);
  return pixels;
}

export function encodePng(spec: PngSpec): Buffer {
  const png = new PNG({ width: spec.width, height: spec.height });
  png.data = paint(spec);
  // zlib level 6 with its default strategy, as common encoders write: pngjs's own default (RLE)
  // leaves files ~3× larger and easy to recompress, which would flatter clients that compress.
  return PNG.sync.write(png, { filterType: spec.filterType ?? 1, deflateLevel: 6, deflateStrategy: 0 });
}

export function encodeJpeg(spec: JpegSpec): Buffer {
  const data = paint(spec);
  return jpeg.encode({ width: spec.width, height: spec.height, data }, spec.quality ?? 80).data;
}

async function writeBytes(path: string, bytes: Buffer): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return bytes;
}

/** Writes a PNG (making parent folders) and returns its bytes. */
export function writePng(path: string, spec: PngSpec): Promise<Buffer> {
  return writeBytes(path, encodePng(spec));
}

/** Writes a JPEG (making parent folders) and returns its bytes. */
export function writeJpeg(path: string, spec: JpegSpec): Promise<Buffer> {
  return writeBytes(path, encodeJpeg(spec));
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of only its signature, IHDR and IEND: declares any size without allocating pixels. */
export function encodePngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(6, 9);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A PNG grown by `filler` placed before its IEND chunk, so the file still ends as a whole PNG does:
 * a large object without encoding large pixels.
 */
export function padPngBeforeEnd(png: Buffer, filler: Buffer): Buffer {
  return Buffer.concat([png.subarray(0, -12), filler, png.subarray(-12)]);
}

/** Inserts an APPn (or any) segment right after the SOI marker of a JPEG. */
export function insertJpegSegment(jpegBytes: Buffer, marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpegBytes.subarray(0, 2), header, payload, jpegBytes.subarray(2)]);
}

/**
 * Puts an EXIF block (APP1) before every other segment, as cameras and phones do: a little-endian
 * TIFF with one Orientation entry, then `padding` zero bytes so the frame header lies further away.
 */
export function addJpegExif(
  jpegBytes: Buffer,
  options: { orientation?: number; padding?: number } = {},
): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(options.orientation ?? 1, 18);
  const payload = Buffer.concat([
    Buffer.from('Exif\0\0', 'latin1'),
    tiff,
    Buffer.alloc(options.padding ?? 0),
  ]);
  return insertJpegSegment(jpegBytes, 0xe1, payload);
}

export interface ScreenshotSetSpec {
  count: number;
  /** Default 390×844 (a phone at 1×). */
  width?: number;
  height?: number;
  /** Base of every image's seed; another value gives another set of the same shape. */
  seed?: number;
  /** Every n-th image is a JPEG; 0 (default) means none. */
  jpegEvery?: number;
  /** Every n-th image gets a JSON sidecar; 0 (default) means none. */
  sidecarEvery?: number;
  /** Images per leaf folder (default 25); folders nest two levels deep. */
  perFolder?: number;
}

export interface ScreenshotFile {
  key: string;
  path: string;
  format: 'png' | 'jpeg';
  sidecar?: Record<string, unknown>;
}

/** Where the i-th image of a set lives and what it is, without writing anything. */
export function describeScreenshot(
  spec: ScreenshotSetSpec,
  index: number,
): ScreenshotFile & { seed: number } {
  const perFolder = spec.perFolder ?? 25;
  const folder = Math.floor(index / perFolder);
  const format = spec.jpegEvery && index % spec.jpegEvery === spec.jpegEvery - 1 ? 'jpeg' : 'png';
  const name = `screen-${String(index).padStart(5, '0')}.${format === 'png' ? 'png' : 'jpg'}`;
  const key = `area-${folder % 8}/flow-${String(folder).padStart(4, '0')}/${name}`;
  const withSidecar = spec.sidecarEvery && index % spec.sidecarEvery === 0;
  const sidecar = withSidecar
    ? {
        display_name: `Screen ${index}`,
        group: `flow-${folder}`,
        description: `Generated screen ${index}`,
        tags: { theme: index % 2 ? 'dark' : 'light', device: 'phone' },
      }
    : undefined;
  return {
    key,
    path: key,
    format,
    seed: (spec.seed ?? 1) * 1_000_003 + index,
    ...(sidecar ? { sidecar } : {}),
  };
}

/** Writes one image of a set (and its sidecar) under `dir`; the same spec and index give the same bytes. */
export async function writeScreenshot(
  dir: string,
  spec: ScreenshotSetSpec,
  index: number,
): Promise<ScreenshotFile> {
  const { seed, ...file } = describeScreenshot(spec, index);
  const path = join(dir, file.key);
  const size = { width: spec.width ?? 390, height: spec.height ?? 844, seed };
  if (file.format === 'png') await writePng(path, size);
  else await writeJpeg(path, size);
  if (file.sidecar) await writeFile(path.replace(/\.[^.]+$/, '.json'), JSON.stringify(file.sidecar));
  return { ...file, path };
}

/** Writes a folder of UI-like screenshots in nested folders, some JPEGs and some sidecars. */
export async function writeScreenshotSet(dir: string, spec: ScreenshotSetSpec): Promise<ScreenshotFile[]> {
  const files: ScreenshotFile[] = [];
  for (let index = 0; index < spec.count; index++) files.push(await writeScreenshot(dir, spec, index));
  return files;
}
