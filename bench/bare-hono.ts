/**
 * The baseline server: Hono on @hono/node-server with one JSON route that
 * reads a link request and answers a link-sized JSON body, and nothing else —
 * no validation, store, provider call or logging. What the framework costs.
 */

import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
let count = 0;
app.get('/healthz', (c) => c.json({ ok: true }));
app.post('/api/links', async (c) => {
  const body = (await c.req.json()) as Record<string, unknown>;
  count++;
  return c.json({ id: `pl_${count}`, status: 'active', ...body, url: `http://127.0.0.1/p/${count}`, createdAt: new Date().toISOString() }, 201);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
