import { once } from 'node:events';
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ImageMetadata, SnapshotImage } from '@sentry-snapshots/core';
import type { Emulator } from '@sentry-snapshots/emulator';

export interface ComparingProxy {
  url: string;
  close(): Promise<void>;
}

const detailPath = /^\/api\/0\/organizations\/[^/]+\/preprodartifacts\/snapshots\/(\d+)\/$/;

/**
 * The emulator in front, answering for the comparison it does not compute yet (issue 3): a head
 * still `waiting_for_base` whose base is `baseArtifactId()` is compared by content hash, as
 * Sentry matches images by name. Every other request, and any answer where the emulator already
 * compared, passes through unchanged.
 */
export async function startComparingProxy(
  emulator: Emulator,
  baseArtifactId: () => string | undefined,
): Promise<ComparingProxy> {
  const target = new URL(emulator.url);
  const server = createServer((incoming, outgoing) => {
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      async (answer) => {
        const id = incoming.method === 'GET' ? detailPath.exec(incoming.url ?? '')?.[1] : undefined;
        const baseId = baseArtifactId();
        if (id === undefined || baseId === undefined || answer.statusCode !== 200) {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          return;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of answer) chunks.push(chunk as Buffer);
        const detail = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const body = JSON.stringify(
          detail.comparison_type === 'waiting_for_base' ? compare(emulator, id, baseId, detail) : detail,
        );
        outgoing.writeHead(200, { 'content-type': 'application/json' });
        outgoing.end(body);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function compare(emulator: Emulator, headId: string, baseId: string, detail: Record<string, unknown>) {
  const imagesOf = (id: string) =>
    (emulator.getSnapshot(id)?.manifest.images ?? {}) as Record<string, ImageMetadata>;
  const head = imagesOf(headId);
  const base = imagesOf(baseId);
  const image = (name: string, metadata: ImageMetadata): SnapshotImage => ({
    key: metadata.content_hash,
    image_file_name: name,
    width: metadata.width,
    height: metadata.height,
  });
  const lists = {
    added: [] as SnapshotImage[],
    removed: [] as SnapshotImage[],
    unchanged: [] as SnapshotImage[],
    changed: [] as { base_image: SnapshotImage; head_image: SnapshotImage; diff: number }[],
  };
  for (const [name, metadata] of Object.entries(head)) {
    const before = base[name];
    if (!before) lists.added.push(image(name, metadata));
    else if (before.content_hash === metadata.content_hash) lists.unchanged.push(image(name, metadata));
    else lists.changed.push({ base_image: image(name, before), head_image: image(name, metadata), diff: 1 });
  }
  for (const [name, metadata] of Object.entries(base)) {
    if (!(name in head)) lists.removed.push(image(name, metadata));
  }
  return {
    ...detail,
    base_artifact_id: baseId,
    comparison_type: 'diff',
    comparison_state: 'success',
    images: [],
    ...lists,
    added_count: lists.added.length,
    removed_count: lists.removed.length,
    unchanged_count: lists.unchanged.length,
    changed_count: lists.changed.length,
  };
}
