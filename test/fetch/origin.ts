/** A throwaway local HTTP origin on 127.0.0.1 (random port) for fetcher tests. */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Origin {
  port: number;
  /** `http://127.0.0.1:<port>` + path. */
  url(path?: string): string;
  /** Every request received, in order. */
  requests: IncomingMessage[];
  close(): Promise<void>;
}

export async function startOrigin(routes: Record<string, Handler>): Promise<Origin> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const handler = routes[path] ?? Object.entries(routes).find(([p]) => p.endsWith('*') && path.startsWith(p.slice(0, -1)))?.[1];
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fetch that sends requests for any `*.test` host to the local origin, standing in for DNS
 * (the fetcher's address checks still see the original `*.test` URL).
 */
export function routeTestHosts(port: number): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname.endsWith('.test')) {
      url.hostname = '127.0.0.1';
      url.port = String(port);
    }
    return fetch(url, init);
  };
}
