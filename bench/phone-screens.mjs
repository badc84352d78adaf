// Phone-sized screenshots (1170×2532, about 215 KB a PNG at zlib level 6, a photo here and there)
// fast enough for sets of 10,000: encoding each screen whole takes about 0.2 s, so screens are painted and compressed once, in horizontal
// bands, and every image is a different pick of bands stitched into one valid PNG. Each band is a
// deflate stream ended by a sync flush, so bands concatenate; the zlib trailer's Adler-32 is
// combined from the bands' own. Every image of a set has other pixels (its index picks bands), and
// the changed set's seed picks others.
import { crc32, deflateRawSync, constants as zlibConstants } from 'node:zlib';

export const PHONE_WIDTH = 1170;
export const PHONE_HEIGHT = 2532;
const BANDS = 12;
const SCREENS = 16;
/** Share of a screen's height that is a photo. */
const PHOTO_SHARE = 0.025;
const ADLER_BASE = 65521;

function adler32(bytes) {
  let a = 1;
  let b = 0;
  for (let offset = 0; offset < bytes.length; ) {
    const end = Math.min(bytes.length, offset + 3800);
    for (; offset < end; offset++) {
      a += bytes[offset];
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** The Adler-32 of two byte runs one after the other, from each run's own and the second's length. */
function combineAdler32(first, second, secondLength) {
  const remainder = secondLength % ADLER_BASE;
  let a = (first & 0xffff) + (second & 0xffff) + ADLER_BASE - 1;
  let b =
    (((first >>> 16) + (second >>> 16) + ADLER_BASE - remainder) % ADLER_BASE) +
    ((remainder * (first & 0xffff)) % ADLER_BASE);
  a %= ADLER_BASE;
  b %= ADLER_BASE;
  return ((b << 16) | a) >>> 0;
}

function mix(value) {
  let state = value >>> 0;
  state = Math.imul(state ^ (state >>> 16), 0x7feb352d);
  state = Math.imul(state ^ (state >>> 15), 0x846ca68b);
  return (state ^ (state >>> 16)) >>> 0;
}

/**
 * A photo card (a feed's picture, a map, an avatar wall): a smooth gradient with sensor noise,
 * which no lossless coder shrinks much, as in real screenshots of apps with pictures.
 */
function paintPhoto(pixels, width, height, screen) {
  const top = Math.floor(height * (0.2 + 0.05 * (screen % 8)));
  const rows = Math.floor(height * PHOTO_SHARE);
  let noise = 0x9e3779b9 ^ screen;
  for (let row = top; row < Math.min(height, top + rows); row++) {
    for (let column = 40; column < width - 40; column++) {
      noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0;
      const at = (row * width + column) * 4;
      const jitter = (noise >>> 24) % 9;
      pixels[at] = (column * 200) / width + jitter;
      pixels[at + 1] = ((row - top) * 180) / rows + jitter;
      pixels[at + 2] = 90 + ((column + row) % 60) + jitter;
      pixels[at + 3] = 255;
    }
  }
}

/** Sub-filtered scanlines (filter byte 1), as the test-kit's encoder writes them. */
function filterRows(pixels, width, fromRow, toRow) {
  const stride = width * 4;
  const out = Buffer.alloc((toRow - fromRow) * (stride + 1));
  for (let row = fromRow; row < toRow; row++) {
    const source = row * stride;
    const target = (row - fromRow) * (stride + 1);
    out[target] = 1;
    for (let column = 0; column < stride; column++) {
      const left = column >= 4 ? pixels[source + column - 4] : 0;
      out[target + 1 + column] = (pixels[source + column] - left) & 0xff;
    }
  }
  return out;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0);
  return [head, data, crc];
}

/**
 * `paintScreen` is the test-kit's UI painter. Returns `png(index, seed)`, a whole PNG file whose
 * bands come from `SCREENS` painted screens.
 */
export function createPhoneScreens(paintScreen, { width = PHONE_WIDTH, height = PHONE_HEIGHT } = {}) {
  const bandRows = Math.ceil(height / BANDS);
  const pool = Array.from({ length: BANDS }, () => []);
  for (let screen = 0; screen < SCREENS; screen++) {
    const pixels = Buffer.alloc(width * height * 4);
    paintScreen(pixels, width, height, 7919 * (screen + 1));
    paintPhoto(pixels, width, height, screen);
    for (let band = 0; band < BANDS; band++) {
      const raw = filterRows(pixels, width, band * bandRows, Math.min(height, (band + 1) * bandRows));
      const deflated = deflateRawSync(raw, { level: 6, finishFlush: zlibConstants.Z_SYNC_FLUSH });
      pool[band].push({ deflated, adler: adler32(raw), length: raw.length });
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const head = Buffer.concat([signature, ...chunk('IHDR', ihdr)]);
  const end = Buffer.concat(chunk('IEND', Buffer.alloc(0)));

  return function png(index, setSeed) {
    // The index's base-16 digits, shifted by the set's seed, pick the first four bands: no two images
    // of a set are alike. A hash of both picks the rest.
    const parts = [Buffer.from([0x78, 0x9c])];
    let adler = 1;
    for (let band = 0; band < BANDS; band++) {
      const mixed = mix(setSeed * 131 + band);
      const pick =
        band < 4 ? ((index >>> (4 * band)) + mixed) & 15 : mix(mixed ^ Math.imul(index + 1, 0x9e3779b1)) & 15;
      const part = pool[band][pick];
      parts.push(part.deflated);
      adler = combineAdler32(adler, part.adler, part.length);
    }
    const trailer = Buffer.alloc(6);
    // A final empty block with fixed codes ends the stream, then the Adler-32.
    trailer[0] = 0x03;
    trailer[1] = 0x00;
    trailer.writeUInt32BE(adler, 2);
    parts.push(trailer);
    return Buffer.concat([head, ...chunk('IDAT', Buffer.concat(parts)), end]);
  };
}
