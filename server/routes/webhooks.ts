/** `POST /webhooks/kicc` and `/webhooks/paywelcome`: payment notifications, answered exactly as each provider expects. */

import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env.js';
import { notFound } from '../errors.js';
import type { NotificationReceiver } from '../notifications/receive.js';
import { clientIp } from '../security/client-ip.js';

export function webhookRoutes({ receiver, trustedProxies }: { receiver: NotificationReceiver; trustedProxies: readonly string[] }) {
  return new Hono<AppEnv>().post(
    '/:provider',
    // Notifications are a few hundred bytes; anything far larger is not one.
    bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('too large', 413) }),
    async (c) => {
      const provider = c.req.param('provider');
      if (!receiver.takes(provider)) throw notFound();
      const reply = await receiver.receive({
        provider,
        body: await c.req.text(),
        contentType: c.req.header('content-type'),
        sourceIp: clientIp(c, trustedProxies),
      });
      return c.body(reply.body, reply.status, { 'content-type': reply.contentType });
    },
  );
}
