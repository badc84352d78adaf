import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  html_url: string;
}

export interface GitHubApiServer {
  /** Base URL, as `GITHUB_API_URL` holds it. */
  url: string;
  comments: StoredComment[];
  requests: { method: string; path: string; authorization: string | undefined }[];
  /** Answer every request with this status (e.g. 403, as for a read-only fork token). */
  denyWith: number | undefined;
  seed(issueNumber: number, body: string): StoredComment;
  close(): Promise<void>;
}

/** A stand-in for the issue-comments part of GitHub's REST API, on loopback. */
export async function startGitHubApiServer(repository: string): Promise<GitHubApiServer> {
  let nextId = 1000;
  const state: Omit<GitHubApiServer, 'url' | 'close'> = {
    comments: [],
    requests: [],
    denyWith: undefined,
    seed(issueNumber, body) {
      const id = nextId++;
      const comment = {
        id,
        issueNumber,
        body,
        html_url: `https://github.test/${repository}/pull/${issueNumber}#issuecomment-${id}`,
      };
      state.comments.push(comment);
      return comment;
    },
  };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    state.requests.push({
      method: request.method ?? '',
      path: url.pathname + url.search,
      authorization: request.headers.authorization,
    });
    if (state.denyWith !== undefined)
      return send(response, state.denyWith, { message: 'Resource not accessible by integration' });
    const prefix = `/repos/${repository}/issues/`;
    if (!url.pathname.startsWith(prefix)) return send(response, 404, { message: 'Not Found' });
    const rest = url.pathname.slice(prefix.length);
    const list = /^(\d+)\/comments$/.exec(rest);
    const edit = /^comments\/(\d+)$/.exec(rest);
    if (list && request.method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const all = state.comments.filter((comment) => comment.issueNumber === Number(list[1]));
      return send(response, 200, all.slice((page - 1) * perPage, page * perPage));
    }
    if (list && request.method === 'POST') {
      const { body } = (await readJson(request)) as { body: string };
      return send(response, 201, state.seed(Number(list[1]), body));
    }
    const existing = edit && state.comments.find((comment) => comment.id === Number(edit[1]));
    if (existing && request.method === 'PATCH') {
      existing.body = ((await readJson(request)) as { body: string }).body;
      return send(response, 200, existing);
    }
    return send(response, 404, { message: 'Not Found' });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
