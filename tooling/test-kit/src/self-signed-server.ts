import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A self-signed certificate for 127.0.0.1 and localhost, valid until 2126: made once with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500`.
 * Test use only; no client trusts it unless told to skip verification.
 */
const certificate = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUE3rLDXWdZjrhAtI8LXoiHVvb5UowCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyOTA3MzE1OVoYDzIxMjYxMTA1
MDczMTU5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATtlIVZgZn4F4eptTgkIwR+LvSCZMAH6oXyMhFL2LoZ1RxrdC3+084O
h7JzHBhUM+t0ldAmMIRuKMbePHkcPPBPo28wbTAdBgNVHQ4EFgQUnuSLg6QkIgC5
JFk6TY7MPp/X04AwHwYDVR0jBBgwFoAUnuSLg6QkIgC5JFk6TY7MPp/X04AwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSAAwRQIgMHjMUp8GWRwRasZarIKkLLXtkyZLGRQLfzTL+NCpWtwCIQCU
BdfhylfPelKSat7SYnbb8uo7DmraUy9Bhr+VgByb5w==
-----END CERTIFICATE-----
`;
const privateKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg9Ko+mtfHtgm4ur/t
uAg4eC8PNqbBHtG5mR+BS5anst2hRANCAATtlIVZgZn4F4eptTgkIwR+LvSCZMAH
6oXyMhFL2LoZ1RxrdC3+084Oh7JzHBhUM+t0ldAmMIRuKMbePHkcPPBP
-----END PRIVATE KEY-----
`;

export interface SelfSignedServer {
  url: string;
  /** Connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

/** An HTTPS server on loopback with a certificate no CA signed. */
export async function startSelfSignedServer(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<SelfSignedServer> {
  const server = createServer({ cert: certificate, key: privateKey }, handle);
  const state = { connections: 0 };
  server.on('secureConnection', () => {
    state.connections += 1;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
