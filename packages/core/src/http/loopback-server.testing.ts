import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, World } from '../world.js';
import { silentLogger } from '../world.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface LoopbackServer {
  url: string;
  requests: RecordedRequest[];
  server: Server;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, port 0, that records each request with its whole body. */
export async function startLoopbackServer(
  handle: (
    request: RecordedRequest,
    response: ServerResponse,
    incoming: IncomingMessage,
  ) => void | Promise<void>,
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const recorded = {
      method: incoming.method ?? '',
      url: incoming.url ?? '',
      headers: incoming.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(recorded);
    await handle(recorded, response, incoming);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** A clock whose sleeps return at once and move time forward, recording each pause. */
export function createFakeClock(start = Date.parse('2026-01-01T00:00:00Z')): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

export type TestWorld = World & { clock: ReturnType<typeof createFakeClock> };

/** A world for client tests: empty env (no proxy), silent logger, fake clock. */
export function createTestWorld(overrides: Partial<Omit<World, 'clock'>> = {}): TestWorld {
  return { env: {}, cwd: process.cwd(), logger: silentLogger, clock: createFakeClock(), ...overrides };
}
