/**
 * `GET /api/links/:id/events`: the link's status as server-sent events, one
 * `link` event per change, until it is paid, expired, cancelled or failed.
 * A stream only listens: the instance's LinkWatcher reads the links of all
 * its streams together and publishes their changes; a timer per stream marks
 * the moment of expiry. Streams are capped per client address and per
 * instance (StreamSlots): beyond, `429 too_many_streams`.
 */

import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { FINAL_STATUSES, type PaymentLink } from '../../core/link.js';
import type { LinkService } from '../links/service.js';
import type { LinkWatcher } from '../links/watcher.js';
import type { StreamSlots } from '../security/stream-slots.js';
import type { LinkRecord } from '../store/store.js';

/** A comment line now and then, so proxies keep the connection and a vanished client is noticed. */
const KEEP_ALIVE_MS = 15_000;
/** setTimeout's ceiling; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LinkEventDeps {
  links: LinkService;
  watcher: LinkWatcher;
  slots: StreamSlots;
  /** The caller's address, counted against `STREAMS_PER_IP`. */
  ip: string;
  present: (link: LinkRecord) => PaymentLink;
  now: () => number;
}

interface EventData {
  data: string;
  final: boolean;
}

/**
 * A link's event data by presenter and version. One publish reaches every stream of the link as the same
 * record, so it is presented and serialized once for all of them rather than once per stream: with
 * thousands open on one link, a payment (and each new stream's first read, published to all) would
 * otherwise cost as many serializations.
 */
const serialized = new WeakMap<LinkEventDeps['present'], WeakMap<LinkRecord, EventData>>();

function eventData(present: LinkEventDeps['present'], link: LinkRecord): EventData {
  let byVersion = serialized.get(present);
  if (!byVersion) serialized.set(present, (byVersion = new WeakMap()));
  let event = byVersion.get(link);
  if (!event) {
    const view = present(link);
    byVersion.set(link, (event = { data: JSON.stringify(view), final: FINAL_STATUSES.includes(view.status) }));
  }
  return event;
}

export async function streamLinkEvents(c: Context, { links, watcher, slots, ip, present, now }: LinkEventDeps) {
  // Counted before the database is asked anything: a flood beyond the cap costs no query.
  const slot = slots.require(ip);
  const id = c.req.param('id')!;
  let first: LinkRecord;
  try {
    first = await links.get(id);
  } catch (error) {
    slot.release();
    throw error;
  }
  c.header('cache-control', 'no-store');
  c.header('x-accel-buffering', 'no');

  return streamSSE(c, async (stream) => {
    try {
      let lastSent = '';
      /** Sends the link if it changed; true once it can change no more. */
      const send = async (link: LinkRecord) => {
        const { data, final } = eventData(present, link);
        if (data !== lastSent) {
          lastSent = data;
          await stream.writeSSE({ event: 'link', data, retry: 3000 });
        }
        return final;
      };

      if (await send(first)) return;
      await new Promise<void>((resolve) => {
        let expiry: ReturnType<typeof setTimeout> | undefined;
        const check = async (link: LinkRecord) => {
          try {
            if (await send(link)) finish();
          } catch {
            finish();
          }
        };
        // A version already sent costs no promise: every new stream of the link republishes it to all.
        const unwatch = watcher.watch(first, (link) => eventData(present, link).data !== lastSent && void check(link));
        const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
        // At expiry the link is read afresh: a payment that came just before must not read as expired.
        const untilExpiry = () => (first.expiresAt === null ? Infinity : first.expiresAt - now() + 50);
        const armExpiry = () => {
          const wait = untilExpiry();
          if (wait === Infinity) return;
          expiry = setTimeout(() => (untilExpiry() > 0 ? armExpiry() : watcher.refresh(id)), Math.min(Math.max(0, wait), MAX_TIMER_MS));
        };
        armExpiry();
        const finish = () => {
          clearInterval(keepAlive);
          clearTimeout(expiry);
          unwatch();
          resolve();
        };
        stream.onAbort(finish);
        // A client gone before the listener was added.
        if (stream.aborted) finish();
      });
    } finally {
      slot.release();
    }
  });
}
