/**
 * `GET /api/links/:id/events`: the link's status as server-sent events, one
 * `link` event per change, until it is paid, expired, cancelled or failed.
 * Changes in this process arrive at once; a slow poll catches those made by
 * another instance and the moment of expiry.
 */

import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { FINAL_STATUSES, type PaymentLink } from '../../core/link.js';
import type { LinkChanges } from '../links/changes.js';
import type { LinkService } from '../links/service.js';
import type { LinkRecord } from '../store/store.js';

const POLL_MS = 5000;
/** setTimeout's ceiling; an expiry further away is caught by the poll. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function streamLinkEvents(
  c: Context,
  { links, changes, present, now }: { links: LinkService; changes: LinkChanges; present: (link: LinkRecord) => PaymentLink; now: () => number },
) {
  const id = c.req.param('id')!;
  const first = await links.get(id);
  c.header('cache-control', 'no-store');
  c.header('x-accel-buffering', 'no');

  return streamSSE(c, async (stream) => {
    let lastSent = '';
    /** Sends the link if it changed; true once it can change no more. */
    const send = async (link: LinkRecord) => {
      const view = present(link);
      const data = JSON.stringify(view);
      if (data !== lastSent) {
        lastSent = data;
        await stream.writeSSE({ event: 'link', data, retry: 3000 });
      }
      return FINAL_STATUSES.includes(view.status);
    };

    if (await send(first)) return;
    await new Promise<void>((resolve) => {
      const timers: ReturnType<typeof setTimeout>[] = [];
      const check = async (link?: LinkRecord) => {
        try {
          if (await send(link ?? (await links.get(id)))) finish();
        } catch {
          finish();
        }
      };
      const unsubscribe = changes.subscribe(id, (link) => void check(link));
      const poll = setInterval(() => {
        void stream.write(': keep-alive\n\n');
        void check();
      }, POLL_MS);
      const untilExpiry = first.expiresAt === null ? Infinity : first.expiresAt - now() + 50;
      if (untilExpiry < MAX_TIMER_MS) timers.push(setTimeout(() => void check(), Math.max(0, untilExpiry)));
      const finish = () => {
        clearInterval(poll);
        timers.forEach(clearTimeout);
        unsubscribe();
        resolve();
      };
      stream.onAbort(finish);
    });
  });
}
