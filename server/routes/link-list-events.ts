/**
 * `GET /api/links/events`: every change of the links a caller may see, as
 * server-sent events on one connection, however many rows a list shows.
 * `ready` once it listens (read the list then: nothing made after is
 * missed), `link` with the link as the caller may see it on each change,
 * and `resync` when changes may have been missed (another instance's
 * notices were lost for a moment): read the list again. It ends when the
 * caller's token expires; it counts against the same caps as a link's own
 * stream (StreamSlots).
 */

import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { PaymentLink } from '../../core/link.js';
import type { LinkChanges } from '../links/changes.js';
import type { LinkWatcher } from '../links/watcher.js';
import type { StreamSlots } from '../security/stream-slots.js';
import type { LinkRecord } from '../store/store.js';

/** A comment line now and then, so proxies keep the connection and a vanished client is noticed. */
const KEEP_ALIVE_MS = 15_000;
/** setTimeout's ceiling; a later end is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface CallerStreamDeps {
  watcher: LinkWatcher;
  changes: LinkChanges;
  slots: StreamSlots;
  /** The caller's address, counted against `STREAMS_PER_IP`. */
  ip: string;
  /** Whether the caller may see `link` at all. */
  shows: (link: LinkRecord) => boolean;
  /** The link as the caller may see it (customer data masked or not). */
  present: (link: LinkRecord) => PaymentLink;
  /** Epoch ms when the stream ends (the caller's token expires); never when absent. */
  until?: number;
  now: () => number;
}

export function streamCallerLinks(c: Context, { watcher, changes, slots, ip, shows, present, until, now }: CallerStreamDeps) {
  const slot = slots.require(ip);
  c.header('cache-control', 'no-store');
  c.header('x-accel-buffering', 'no');

  return streamSSE(c, async (stream) => {
    try {
      await new Promise<void>((resolve) => {
        let end: ReturnType<typeof setTimeout> | undefined;
        const send = (event: string, data: string) => void stream.writeSSE({ event, data, retry: 3000 }).catch(finish);
        // A link still `creating` is heard of only on failover; its answer follows within seconds.
        const unwatch = watcher.watchAll((link) => link.state !== 'creating' && shows(link) && send('link', JSON.stringify(present(link))));
        const unmissed = changes.onMissed(() => send('resync', '{}'));
        const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n').catch(finish), KEEP_ALIVE_MS);
        const armEnd = () => {
          if (until === undefined) return;
          const wait = until - now();
          end = setTimeout(() => (until - now() > 0 ? armEnd() : finish()), Math.min(Math.max(0, wait), MAX_TIMER_MS));
        };
        function finish() {
          clearInterval(keepAlive);
          clearTimeout(end);
          unwatch();
          unmissed();
          resolve();
        }
        armEnd();
        send('ready', '{}');
        stream.onAbort(finish);
        // A client gone before the listener was added.
        if (stream.aborted) finish();
      });
    } finally {
      slot.release();
    }
  });
}
