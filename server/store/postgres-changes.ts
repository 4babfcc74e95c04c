/**
 * Link changes across the instances on one PostgreSQL database. Each change
 * to a link NOTIFYs a channel with the link's id inside the changing
 * transaction, so PostgreSQL delivers it when (and only if) the change
 * commits; each instance LISTENs on one connection of its own, outside the
 * pool, and reconnects when it drops. Links of other schemas on the same
 * database share the channel: their ids are simply not found here.
 */

import pg from 'pg';
import type { Queryable } from './postgres-pool.js';
import type { LinkChangeFeed } from './store.js';

export const LINK_CHANGES_CHANNEL = 'pay_link_changes';
/** How the listening connection shows in `pg_stat_activity`: by the process it belongs to. */
export const listenerName = (pid = process.pid) => `pay-link listener ${pid}`;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * Inside the transaction that changes link `id`. NOTIFY takes a lock for the
 * moment of commit, which orders committing notifiers; at a few hundred
 * changes a second that costs nothing measurable.
 */
export async function notifyLinkChange(db: Queryable, id: string) {
  await db.query('SELECT pg_notify($1, $2)', [LINK_CHANGES_CHANNEL, id]);
}

export interface ListenerOptions {
  /** The listening connection failed; it reconnects after `retryInMs`. */
  onLost?: (error: Error, retryInMs: number) => void;
  /** It listens again after a loss. */
  onRestored?: () => void;
}

export interface LinkChangeListener {
  /** Connects on the first subscription, and stays connected until `close()`. */
  subscribe(feed: LinkChangeFeed): () => void;
  close(): Promise<void>;
}

export function linkChangeListener(url: string, { onLost, onRestored }: ListenerOptions = {}): LinkChangeListener {
  const feeds = new Set<LinkChangeFeed>();
  let client: pg.Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = FIRST_RETRY_MS;
  let listening = false;
  let wasLost = false;
  let closed = false;

  async function connect() {
    // keepAlive: a connection the network silently lost is noticed and replaced.
    const current = new pg.Client({ connectionString: url, application_name: listenerName(), connectionTimeoutMillis: 10_000, keepAlive: true });
    client = current;
    let down = false;
    const lose = (error: Error) => {
      if (down) return;
      down = true;
      listening = false;
      if (client === current) client = undefined;
      current.removeAllListeners('notification');
      void current.end().catch(() => undefined);
      if (closed) return;
      const wait = delay;
      delay = Math.min(delay * 2, MAX_RETRY_MS);
      wasLost = true;
      onLost?.(error, wait);
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, wait);
      retry.unref();
    };
    current.on('error', lose);
    current.on('end', () => lose(new Error('the listening connection ended')));
    current.on('notification', ({ payload }) => {
      if (payload) for (const feed of feeds) feed.changed(payload);
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${LINK_CHANGES_CHANNEL}`);
    } catch (error) {
      lose(error as Error);
      return;
    }
    if (closed || down) return;
    delay = FIRST_RETRY_MS;
    listening = true;
    if (wasLost) onRestored?.();
    wasLost = false;
    // Listening from now on: whatever changed before is for the subscribers to read.
    for (const feed of feeds) feed.resumed();
  }

  return {
    subscribe(feed) {
      feeds.add(feed);
      if (listening) queueMicrotask(() => feed.resumed());
      else if (!client && !retry && !closed) void connect();
      return () => feeds.delete(feed);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      feeds.clear();
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
