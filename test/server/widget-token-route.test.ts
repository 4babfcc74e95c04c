/**
 * The route a merchant's server mounts to mint a widget token per signed-in
 * session (Hono), and the same as a Node / Express handler: each over real
 * HTTP, and the tokens they mint used on the real API.
 */

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { verifyWidgetToken } from '../../server/tokens.js';
import { widgetTokenHandler, widgetTokenRoute, type MintedToken, type TokenGrant } from '../../server/widget-token-route.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { serveApp, type Served } from '../support/serve.js';

const SECRET = 'widget-secret-for-tests-0123456789abcdef';

/** The merchant's sessions: a cookie names the staff member signed in, and what they may do. */
const SESSIONS: Record<string, TokenGrant> = {
  s1: { role: 'staff', sub: 'till-3', maxAmount: 500_000 },
  s2: { role: 'staff', sub: 'till-4' },
  broken: { role: 'staff' },
};
const sessionOf = (cookie: string | undefined | null) => SESSIONS[/session=(\w+)/.exec(cookie ?? '')?.[1] ?? ''] ?? null;

let backend: TestBackend;
let hono: Served;
let node: Server;
let nodeUrl: string;
let express: Server;
let expressUrl: string;
const passedOn: unknown[] = [];

beforeAll(async () => {
  backend = await startBackend({ WIDGET_TOKEN_SECRET: SECRET });
  const app = new Hono().get('/pay-link-token', widgetTokenRoute({ secret: SECRET, identify: (c) => sessionOf(c.req.header('cookie')), ttlSeconds: 300 }));
  hono = await serveApp(app);

  const identify = (req: IncomingMessage) => sessionOf(req.headers.cookie);
  node = createServer(widgetTokenHandler({ secret: SECRET, identify })).listen(0, '127.0.0.1');
  // Express's signature: a failure goes to next().
  const handler = widgetTokenHandler({ secret: SECRET, identify });
  express = createServer((req, res) => {
    void handler(req, res, (error) => {
      passedOn.push(error);
      res.writeHead(500).end();
    });
  }).listen(0, '127.0.0.1');
  await Promise.all([once(node, 'listening'), once(express, 'listening')]);
  nodeUrl = `http://127.0.0.1:${(node.address() as AddressInfo).port}`;
  expressUrl = `http://127.0.0.1:${(express.address() as AddressInfo).port}`;
});
afterAll(async () => {
  node?.close();
  express?.close();
  await hono?.close();
  await backend?.dispose();
});

const ask = (base: string, session?: string) => fetch(`${base}/pay-link-token`, { headers: session ? { cookie: `session=${session}` } : {} });

describe.each([
  ['Hono: widgetTokenRoute', () => hono.url],
  ['Node http: widgetTokenHandler', () => nodeUrl],
])('%s', (_name, base) => {
  it("mints a token for the session's staff member that the API takes: links are theirs, and their limit holds", async () => {
    const response = await ask(base(), 's1');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token, expiresAt } = (await response.json()) as MintedToken;
    const checked = verifyWidgetToken(SECRET, token);
    expect(checked).toMatchObject({ ok: true, claims: { role: 'staff', sub: 'till-3', maxAmount: 500_000 } });
    if (!checked.ok) return;
    expect(new Date(expiresAt).getTime()).toBe(checked.claims.exp * 1000);

    const bearer = { authorization: `Bearer ${token}` };
    const created = await backend.post('/api/links', { amount: 15000, goodsName: 'Tea' }, bearer);
    expect(created.status).toBe(201);
    const link = (await created.json()) as PaymentLink;
    expect((await backend.post(`/api/links/${link.id}/cancel`, {}, bearer)).status).toBe(200);
    expect((await backend.post('/api/links', { amount: 600_000, goodsName: 'Tea' }, bearer)).status).toBe(403);

    // Another till's token does not reach this till's link.
    const other = ((await (await ask(base(), 's2')).json()) as MintedToken).token;
    const second = (await (await backend.post('/api/links', { amount: 15000, goodsName: 'Tea' }, bearer)).json()) as PaymentLink;
    expect((await backend.post(`/api/links/${second.id}/cancel`, {}, { authorization: `Bearer ${other}` })).status).toBe(404);
  });

  it('answers 401 and mints nothing without a session', async () => {
    const response = await ask(base());
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

it('Hono: the token lives ttlSeconds', async () => {
  const before = Math.floor(Date.now() / 1000);
  const { token } = (await (await ask(hono.url, 's1')).json()) as MintedToken;
  const checked = verifyWidgetToken(SECRET, token);
  expect(checked.ok && checked.claims.exp - before).toBeGreaterThanOrEqual(300);
  expect(checked.ok && checked.claims.exp - before).toBeLessThanOrEqual(301);
});

it('a grant no token may hold (staff without sub) is a failure: 500 in plain Node, passed to next() under Express', async () => {
  const response = await ask(nodeUrl, 'broken');
  expect(response.status).toBe(500);
  expect(await response.json()).toMatchObject({ error: { code: 'internal_error' } });

  expect((await ask(expressUrl, 'broken')).status).toBe(500);
  expect(passedOn).toHaveLength(1);
  expect(String(passedOn[0])).toMatch(/sub/);
});

it('refuses to be set up with a short secret or a lifetime beyond a day', () => {
  const identify = () => null;
  expect(() => widgetTokenRoute({ secret: 'short', identify })).toThrow(/at least 32/);
  expect(() => widgetTokenHandler({ secret: SECRET, identify, ttlSeconds: 25 * 3600 })).toThrow(/ttlSeconds/);
  expect(() => widgetTokenHandler({ secret: SECRET, identify, ttlSeconds: 0 })).toThrow(/ttlSeconds/);
});
