/**
 * `GET /api/providers`: the providers this deployment offers, in the order
 * `auto` tries them, with what each can do and its byte limits — for a page
 * that lets staff pick one, and for the widget to check what it sends. A
 * provider without credentials beside a live one is not in the list.
 */

import { Hono } from 'hono';
import { z } from 'zod';
import type { ConfiguredProvider } from '../config.js';
import type { AppEnv } from '../env.js';

const limitsSchema = z.object({
  goodsName: z.int(),
  orderId: z.int(),
  'customer.name': z.int(),
  'customer.email': z.int(),
  message: z.int(),
});

export const providerListSchema = z
  .object({
    defaultProvider: z.string().describe('A provider’s id, or `auto` (failover in the order below)'),
    providers: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        live: z.boolean().describe('`false`: the built-in emulator stands in (the demo)'),
        sendsSms: z.boolean(),
        resends: z.boolean(),
        cancels: z.boolean(),
        refunds: z.boolean(),
        partialRefunds: z.boolean(),
        maxLifetimeMs: z.int(),
        limits: limitsSchema.describe('Bytes in CP949: a Hangul syllable is 2'),
      }),
    ),
  })
  .describe('The providers this deployment offers');

export function providerRoutes({ providers, defaultProvider }: { providers: readonly ConfiguredProvider[]; defaultProvider: string }) {
  // Built once: it changes only with the configuration.
  const list: z.infer<typeof providerListSchema> = {
    defaultProvider,
    providers: providers.map(({ id, module, apiBase }) => {
      const { sendsSms, resends, cancels, refunds, partialRefunds, maxLifetimeMs, limits } = module.profile;
      return { id, name: module.name, live: apiBase !== undefined, sendsSms, resends, cancels, refunds, partialRefunds, maxLifetimeMs, limits };
    }),
  };
  return new Hono<AppEnv>().get('/', (c) => c.json(list, 200, { 'cache-control': 'public, max-age=300' }));
}
