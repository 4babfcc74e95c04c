/**
 * A merchant's own Node server with pay-link mounted under /pay-link, written
 * against the installed server package only (see server/index.ts): a staging one,
 * with the built-in emulators from their own entry. Prints its address,
 * serves until SIGTERM.
 */

import { once } from 'node:events';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createEmulators } from '@pay-link/server/emulators';
import { createPayLink, parseConfig } from '@pay-link/server';

const server = createServer().listen(0, '127.0.0.1');
await once(server, 'listening');
const origin = `http://127.0.0.1:${server.address().port}`;

const payLink = await createPayLink(
  parseConfig({
    PUBLIC_BASE_URL: `${origin}/pay-link`,
    DATABASE_PATH: process.env.DATABASE_PATH,
    LOG_LEVEL: 'silent',
    DEMO_ENABLED: 'false',
    // The script-tag widget the package ships, served at /pay-link/widget.js.
    DIST_DIR: fileURLToPath(new URL('..', import.meta.resolve('@pay-link/server/bundle'))),
  }),
  // No gateway is configured: the built-in emulators stand in, from their own entry.
  { extensions: [createEmulators] },
);
const app = new Hono().get('/', (c) => c.text('the shop')).route('/pay-link', payLink.app);
server.on('request', getRequestListener(app.fetch));
console.log(origin);

process.once('SIGTERM', async () => {
  server.close();
  server.closeAllConnections();
  await payLink.close();
  process.exit(0);
});
