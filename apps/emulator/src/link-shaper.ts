import { once } from 'node:events';
import { type AddressInfo, createConnection, createServer, type Socket } from 'node:net';

/** A network between the clients and the emulator, as users have it to sentry.io. */
export interface LinkShape {
  /** Each answer's bytes reach the client this much later: one round trip per request. */
  latencyMs?: number;
  /** Request bytes of every connection together go through at most this rate. */
  uplinkMbps?: number;
}

export interface ShapedLink {
  port: number;
  close(): Promise<void>;
}

/** Delivers chunks in order, each `delayMs` after it arrived, with one timer for the queue. */
function createDelayLine(delayMs: number, deliver: (chunk: Buffer | null) => void) {
  const queue: { at: number; chunk: Buffer | null }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && queue[0]!.at <= now) deliver(queue.shift()!.chunk);
    if (queue.length > 0) timer = setTimeout(flush, queue[0]!.at - now);
  };
  return {
    /** `null` ends the stream once the chunks before it are out. */
    push(chunk: Buffer | null) {
      queue.push({ at: performance.now() + delayMs, chunk });
      timer ??= setTimeout(flush, delayMs);
    },
    clear() {
      if (timer) clearTimeout(timer);
      queue.length = 0;
    },
  };
}

/**
 * Listens on `host:port` and forwards every connection to the emulator's own server at `target`,
 * through a shaped link: request bytes share one uplink (a chunk goes on once the link has had
 * time to carry it), answers are held back by the latency. Connecting costs no round trip here.
 */
export async function startShapedLink(
  shape: LinkShape,
  target: AddressInfo,
  listen: { host: string; port: number },
): Promise<ShapedLink> {
  const latencyMs = shape.latencyMs ?? 0;
  const msPerByte = shape.uplinkMbps ? 8 / (shape.uplinkMbps * 1000) : 0;
  let uplinkFreeAt = 0;
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = createConnection({ host: target.address, port: target.port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    const answers = createDelayLine(latencyMs, (chunk) => (chunk ? client.write(chunk) : client.end()));
    upstream.on('data', (chunk: Buffer) => answers.push(chunk));
    upstream.on('end', () => answers.push(null));
    client.on('close', () => answers.clear());

    // Chunks wait their turn on the shared uplink in order; the socket is paused meanwhile, so the
    // client feels the link as TCP back-pressure.
    let sending = Promise.resolve();
    let pending = 0;
    client.on('data', (chunk: Buffer) => {
      const now = performance.now();
      uplinkFreeAt = Math.max(now, uplinkFreeAt) + chunk.length * msPerByte;
      const carriedAt = uplinkFreeAt;
      if (carriedAt - now < 1 && pending === 0) {
        upstream.write(chunk);
        return;
      }
      pending += 1;
      client.pause();
      sending = sending.then(async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, carriedAt - performance.now())));
        if (!upstream.write(chunk)) await once(upstream, 'drain').catch(() => {});
        pending -= 1;
        if (pending === 0) client.resume();
      });
    });
    client.on('end', () => void sending.then(() => upstream.end()));
  });
  server.listen(listen.port, listen.host);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
