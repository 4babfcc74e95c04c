/** `/api/links`: the HTTP face of the link service. */

import { zValidator } from '@hono/zod-validator';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { ApiError, validationError } from '../errors.js';
import { Idempotency, type Outcome } from '../links/idempotency.js';
import { presentLink } from '../links/present.js';
import { createLinkSchema, zodProblems } from '../links/schema.js';
import type { LinkChanges } from '../links/changes.js';
import type { LinkService } from '../links/service.js';
import { streamLinkEvents } from './link-events.js';

interface LinkRouteDeps {
  links: LinkService;
  changes: LinkChanges;
  idempotency: Idempotency;
  publicBaseUrl: string;
  now?: () => number;
}

/** State-changing requests carry JSON; anything else is refused before it is read. */
const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(415, 'unsupported_media_type');
  await next();
};

const validBody = zValidator(
  'json',
  createLinkSchema,
  (result) => {
    if (!result.success) throw validationError(zodProblems(result.error));
  },
  { validationFunction: (schema, value) => schema.safeParseAsync(value, { reportInput: true }) },
);

export function linkRoutes({ links, changes, idempotency, publicBaseUrl, now = Date.now }: LinkRouteDeps) {
  const present = (link: Parameters<typeof presentLink>[0], revealPhone = false) =>
    presentLink(link, { now: now(), publicBaseUrl, revealPhone });

  return new Hono<AppEnv>()
    .post('/', requireJson, validBody, async (c) => {
      const body = c.req.valid('json');
      const create = async (): Promise<Outcome> => {
        try {
          const link = await links.create(body, 'api');
          return { status: 201, body: present(link, true), keep: true };
        } catch (error) {
          // A link whose outcome is unknown was recorded: its answer is kept
          // so a retry with the same key cannot register it a second time.
          if (error instanceof ApiError && error.options.linkId) {
            return { status: error.status, body: error.toBody(c.get('locale')), keep: true };
          }
          throw error;
        }
      };

      const key = c.req.header('idempotency-key');
      let answer;
      if (key === undefined) {
        answer = { ...(await create()), replayed: false };
      } else {
        Idempotency.assertKey(key);
        answer = await idempotency.run(key, Idempotency.fingerprint('POST /api/links', body), create);
      }
      if (answer.replayed) c.header('idempotent-replayed', 'true');
      const created = answer.body as { id?: string };
      if (answer.status === 201 && created.id) c.header('location', `/api/links/${created.id}`);
      return c.json(answer.body as never, answer.status as 201);
    })
    .get('/:id', async (c) => c.json(present(await links.get(c.req.param('id')))))
    .get('/:id/events', (c) => streamLinkEvents(c, { links, changes, present: (link) => present(link), now }))
    .post('/:id/resend', async (c) => c.json(present(await links.resend(c.req.param('id'), 'api'))))
    .post('/:id/cancel', async (c) => {
      const { link, mode } = await links.cancel(c.req.param('id'), 'api');
      return c.json({ ...present(link), cancellation: { mode } });
    });
}
