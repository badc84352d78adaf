import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportImage } from './report-model.js';

interface HeldImage {
  image: ReportImage;
  bytes: Uint8Array;
  mediaType: string;
  file: string;
}

/**
 * Gives the report its image URLs: data URLs while the images fit in `maxInlineBytes`, then files
 * in an assets folder beside the page for all of them. Holds at most `maxInlineBytes` in memory.
 */
export class ReportImageEmbedder {
  readonly #assetsDir: string;
  readonly #assetsUrl: string;
  readonly #maxInlineBytes: number;
  readonly #byId = new Map<string, Promise<ReportImage>>();
  #held: HeldImage[] = [];
  #heldBytes = 0;
  #inline = true;

  constructor(assetsDir: string, assetsUrl: string, maxInlineBytes: number) {
    this.#assetsDir = assetsDir;
    this.#assetsUrl = assetsUrl;
    this.#maxInlineBytes = maxInlineBytes;
  }

  /** True until the images outgrew the inline budget. */
  get inline(): boolean {
    return this.#inline;
  }

  /** Adds an image once per `id` (a content hash serves base and head alike). */
  add(
    id: string,
    size: { width: number; height: number },
    load: () => Promise<Uint8Array>,
  ): Promise<ReportImage> {
    let image = this.#byId.get(id);
    if (!image) {
      image = this.#store(id, size, load);
      this.#byId.set(id, image);
    }
    return image;
  }

  /** Turns the images still held into data URLs; call once, after the last `add`. */
  finish(): void {
    for (const held of this.#held) {
      held.image.src = `data:${held.mediaType};base64,${Buffer.from(held.bytes).toString('base64')}`;
    }
    this.#held = [];
  }

  async #store(
    id: string,
    size: { width: number; height: number },
    load: () => Promise<Uint8Array>,
  ): Promise<ReportImage> {
    const bytes = await load();
    const [mediaType, extension] = isPng(bytes) ? ['image/png', 'png'] : ['image/jpeg', 'jpg'];
    const file = `${id}.${extension}`;
    const image: ReportImage = { src: `${encodeURIComponent(this.#assetsUrl)}/${file}`, ...size };
    if (!this.#inline) {
      await this.#write(file, bytes);
      return image;
    }
    this.#held.push({ image, bytes, mediaType, file });
    this.#heldBytes += bytes.byteLength;
    if (this.#heldBytes > this.#maxInlineBytes) await this.#spill();
    return image;
  }

  async #spill(): Promise<void> {
    this.#inline = false;
    const held = this.#held;
    this.#held = [];
    for (const { file, bytes } of held) await this.#write(file, bytes);
  }

  async #write(file: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.#assetsDir, { recursive: true });
    await writeFile(join(this.#assetsDir, file), bytes);
  }
}

function isPng(bytes: Uint8Array): boolean {
  return bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}
