/**
 * A merchant's TypeScript against the installed server package's declarations. Not
 * run, only compiled: each `@ts-expect-error` fails the compile if the types
 * it guards have decayed to `any`.
 */

import { createServer } from 'node:http';
import { Hono } from 'hono';
import { createEmulators, type Emulators } from '@pay-link/server/emulators';
import { createPayLink, createPayLinkClient, mintWidgetToken, unwrap, widgetTokenHandler, widgetTokenRoute, type PaymentLink } from '@pay-link/server';

export async function mount() {
  const payLink = await createPayLink(process.env);
  const response: Response = await payLink.app.request('/healthz');
  await payLink.close();
  return response.status;
}

/** A staging server: the emulators from their own entry, as an extension. */
export async function stage() {
  let emulators: Emulators | undefined;
  const payLink = await createPayLink(process.env, { extensions: [(context) => (emulators = createEmulators(context))] });
  // @ts-expect-error the emulators' registrations are read asynchronously
  const count: number = emulators!.kicc.registrations.size();
  await payLink.close();
  return count;
}

export async function charge(): Promise<PaymentLink> {
  const token = mintWidgetToken('a-secret-of-at-least-thirty-two-characters', { exp: Math.floor(Date.now() / 1000) + 600, amount: 15000 });
  const client = createPayLinkClient('https://shop.example/pay-link', { token });
  // @ts-expect-error amount is integer won, not a string
  void client.api.links.$post({ json: { amount: '15000', goodsName: '아메리카노' } });
  const link = await unwrap(client.api.links.$post({ json: { amount: 15000, goodsName: '아메리카노 2잔' } }));
  return link;
}

/** A token per signed-in staff member, from the merchant's own sessions. */
export function tokenRoutes(secret: string, staffOf: (cookie: string | undefined) => string | null) {
  const app = new Hono().get('/pay-link-token', widgetTokenRoute({ secret, identify: (c) => {
    const sub = staffOf(c.req.header('cookie'));
    return sub ? { role: 'staff', sub, maxAmount: 500_000 } : null;
  } }));
  // @ts-expect-error a role is customer, staff or merchant
  widgetTokenRoute({ secret, identify: () => ({ role: 'owner' }) });
  const node = createServer(widgetTokenHandler({ secret, identify: (req) => (staffOf(req.headers.cookie) ? { role: 'merchant' } : null) }));
  return { app, node };
}
