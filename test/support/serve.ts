/** Serves a Hono app on a random loopback port for a test, over real HTTP. */

import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  url: string;
  close(): Promise<void>;
}

export function serveApp(app: Hono<any, any, any>, hostname = '127.0.0.1'): Promise<Served> {
  return new Promise((resolve) => {
    // Without `createServer` the node adapter serves HTTP/1.1 through node:http.
    const server = serve({ fetch: app.fetch, port: 0, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    }) as Server;
  });
}
