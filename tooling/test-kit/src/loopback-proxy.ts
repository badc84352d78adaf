import { once } from 'node:events';
import { createServer } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface LoopbackProxy {
  url: string;
  /** `host:port` of every tunnel it opened. */
  seen: string[];
  /** The `Proxy-Authorization` header of each tunnel request, `''` when there was none. */
  authorizations: string[];
  close(): Promise<void>;
}

/** A CONNECT proxy on loopback. */
export async function startLoopbackProxy(): Promise<LoopbackProxy> {
  const seen: string[] = [];
  const authorizations: string[] = [];
  // undici tunnels plain HTTP too, so CONNECT is all this proxy speaks.
  const server = createServer();
  // A tunnel leaves the server's own bookkeeping once it is upgraded, and a half-closed one would
  // hold `close` for ever: each is tracked and destroyed on close.
  const tunnels = new Set<Socket>();
  const track = (tunnelSocket: Socket) => {
    tunnels.add(tunnelSocket);
    tunnelSocket.on('close', () => tunnels.delete(tunnelSocket));
  };
  server.on('connect', (incoming, socket: Socket, head) => {
    track(socket);
    seen.push(incoming.url ?? '');
    authorizations.push(incoming.headers['proxy-authorization'] ?? '');
    const [host, port] = (incoming.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        for (const tunnelSocket of tunnels) tunnelSocket.destroy();
        server.close(() => resolve());
      }),
  };
}
