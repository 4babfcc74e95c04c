/**
 * Creation latency on a store already holding 1,000 and 100,000 links: the
 * same load against a server on each database. Links are seeded straight
 * into SQLite (the store's own schema, one transaction) as a year of use
 * leaves them: mostly paid or expired, each with its two audit events.
 */

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EMULATOR_CREDENTIALS } from '../server/emulators/index.js';
import { newLinkId, newOrderId, newShortToken } from '../server/links/ids.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import { LINK_REQUEST } from './emulator-body.js';
import { alternate, type LoadOptions, type LoadResult } from './load.js';
import { SERVER_MAIN, backendEnv, serverEnv, spawnNode, type Child } from './procs.js';

export interface GrowthResult {
  seconds: number;
  connections: number;
  small: { links: number; seedMs: number; load: LoadResult };
  large: { links: number; seedMs: number; load: LoadResult };
}

const SMALL = 1_000;
const LARGE = 100_000;
const DAY = 86_400_000;
const STATES = ['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'active', 'active', 'cancelled', 'failed'] as const;

/** Writes `count` links, with their audit events, into a new store at `path`; returns the milliseconds taken. */
export async function seedLinks(path: string, count: number): Promise<number> {
  const started = performance.now();
  await openSqliteStore(path).close(); // the schema, migrated as the server would
  const db = new Database(path);
  db.pragma('synchronous = OFF');
  const insertLink = db.prepare(
    `INSERT INTO links (id, provider, merchant_id, order_id, amount, goods_name, customer_phone, delivery, state, url, provider_ref,
       short_token, expires_at, created_at, updated_at, paid_at, cancelled_at, payment_ref, customer_erased_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'none', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare('INSERT INTO link_events (link_id, at, type, actor, from_state, to_state) VALUES (?, ?, ?, ?, ?, ?)');
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const createdAt = now - 365 * DAY + Math.floor((i / count) * 365 * DAY);
      const state = STATES[i % STATES.length]!;
      const provider = i % 3 ? 'kicc' : 'paywelcome';
      const merchant = provider === 'kicc' ? EMULATOR_CREDENTIALS.kicc.mallId : EMULATOR_CREDENTIALS.paywelcome.mid;
      const id = newLinkId();
      const ref = `${createdAt}${i}`;
      const endedAt = createdAt + 60_000;
      // Customers' details are erased a week after a link ends (reconciler.ts); only the last week's remain.
      const erasedAt = (state === 'active' ? createdAt + 7 * DAY : endedAt) + 7 * DAY;
      const phone = erasedAt > now && i % 2 ? '01012345678' : null;
      insertLink.run(
        id, provider, merchant, newOrderId(createdAt), 1000 + (i % 50) * 500, '아메리카노 2잔', phone, state,
        state === 'failed' ? null : `http://127.0.0.1/emulator/${provider}/pay/${ref}`, state === 'failed' ? null : ref,
        newShortToken(), createdAt + 7 * DAY, createdAt, endedAt,
        state === 'paid' ? endedAt : null, state === 'cancelled' ? endedAt : null, state === 'paid' ? `T${ref}` : null,
        erasedAt > now ? null : erasedAt,
      );
      insertEvent.run(id, createdAt, 'create_requested', 'api', null, 'creating');
      insertEvent.run(id, endedAt, state === 'failed' ? 'register_failed' : 'registered', `provider:${provider}`, 'creating', state);
    }
  })();
  db.close();
  return performance.now() - started;
}

export async function measureGrowth(dir: string, seconds: number, connections = 10): Promise<GrowthResult> {
  const children: Child[] = [];
  const start = async (env: Record<string, string>) => {
    const child = await spawnNode(SERVER_MAIN, env);
    children.push(child);
    return child;
  };
  try {
    const emulator = await start(serverEnv(join(dir, 'growth-emulator.sqlite')));
    const seed = async (links: number) => {
      const path = join(dir, `growth-${links}.sqlite`);
      const seedMs = await seedLinks(path, links);
      const server = await start(backendEnv(path, emulator.url));
      const target: LoadOptions = { url: server.url, path: '/api/links', connections, body: () => JSON.stringify(LINK_REQUEST) };
      return { links, seedMs, target };
    };
    const small = await seed(SMALL);
    const large = await seed(LARGE);
    // Both servers are up; the rounds alternate between them.
    const loaded = await alternate({ small: small.target, large: large.target }, seconds);
    return {
      seconds,
      connections,
      small: { links: small.links, seedMs: small.seedMs, load: loaded.small },
      large: { links: large.links, seedMs: large.seedMs, load: loaded.large },
    };
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
}
