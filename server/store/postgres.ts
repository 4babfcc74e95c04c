/**
 * The shared store: PostgreSQL through a pool of connections, for more than
 * one server process on one database. Every method that reads and then
 * writes is one transaction that first locks what it decides on — the link's
 * row (`FOR UPDATE`), the idempotency key's row, a rate limit's advisory
 * lock — so two processes cannot both act on what they read.
 */

import { randomBytes } from 'node:crypto';
import { recordFieldsOnly } from './customer-data.js';
import { DEMO_DATA_TABLES } from './demo-data.js';
import { changedFields, COLUMNS, FIELDS, guardOf, holds, PENDING_REFUNDS_SQL } from './link-rows.js';
import { postgresEmulatorRecords } from './postgres-emulator-records.js';
import { linkPageSql } from './link-page-sql.js';
import { postgresErasure } from './postgres-erasure.js';
import { linkChangeListener, notifyLinkChange, type ListenerOptions } from './postgres-changes.js';
import { postgresIdempotency } from './postgres-idempotency.js';
import { createPool, transaction, type PoolOptions, type Queryable } from './postgres-pool.js';
import { postgresRateLimits } from './postgres-rate-limits.js';
import { migrate } from './postgres-schema.js';
import {
  DuplicateOrderError,
  RateLimitedError,
  type LinkEvent,
  type LinkFilter,
  type LinkGuard,
  type LinkPatch,
  type LinkRecord,
  type LinkState,
  type StoredEvent,
  type Store,
  type UpdateOptions,
} from './store.js';

const SELECT_LINK = `SELECT ${FIELDS.map((field) => `${COLUMNS[field]} AS "${field}"`).join(', ')} FROM links`;
const INSERT_LINK = `INSERT INTO links (${FIELDS.map((field) => COLUMNS[field]).join(', ')}) VALUES (${FIELDS.map((_, i) => `$${i + 1}`).join(', ')})`;
/** PostgreSQL's code for a broken unique constraint. */
const UNIQUE_VIOLATION = '23505';

export type PostgresOptions = PoolOptions & ListenerOptions;

/** Connects, brings the schema up to date, and returns the store. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const pool = createPool(url, options);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const keys = postgresIdempotency(pool);
  const rateLimits = postgresRateLimits(pool);
  const listener = linkChangeListener(url, options);

  const audit = (db: Queryable, linkId: string, at: number, event: LinkEvent, from: LinkState | null, to: LinkState | null) =>
    db.query('INSERT INTO link_events (link_id, at, type, actor, from_state, to_state, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      linkId,
      at,
      event.type,
      event.actor,
      from,
      to,
      event.detail ? JSON.stringify(event.detail) : null,
    ]);

  const erasure = postgresErasure(pool, { selectLink: SELECT_LINK, audit: (db, link, at, event) => audit(db, link.id, at, event, link.state, link.state) });

  const oneLink = async (db: Queryable, where: string, params: unknown[]) => (await db.query<LinkRecord>(`${SELECT_LINK} WHERE ${where}`, params)).rows[0];

  /** The guarded update, inside the caller's transaction: the row is locked before the guard is checked. */
  const update = async (db: Queryable, id: string, patch: LinkPatch, event: LinkEvent, from?: readonly LinkState[] | LinkGuard, options?: UpdateOptions) => {
    const current = await oneLink(db, 'id = $1 FOR UPDATE', [id]);
    if (!current || !holds(guardOf(from), current)) return undefined;
    const next: LinkRecord = { ...current, ...patch, updatedAt: patch.updatedAt ?? Date.now() };
    const changed = changedFields(current, next);
    if (changed.length) {
      const assignments = changed.map((field, i) => `${COLUMNS[field]} = $${i + 2}`).join(', ');
      await db.query(`UPDATE links SET ${assignments} WHERE id = $1`, [id, ...changed.map((field) => next[field])]);
      // Streams held by other instances hear of it on commit. A new link needs none: nothing can follow it before it exists.
      await notifyLinkChange(db, id);
    }
    await audit(db, id, next.updatedAt, event, current.state, next.state);
    if (options?.completesKey) {
      const { status, body } = options.completesKey.answer(next);
      await keys.complete(db, options.completesKey.key, status, body);
    }
    return next;
  };

  return {
    insertLink: (link, event, options) =>
      transaction(pool, async (db) => {
        if (options?.rateLimit) {
          const decision = await rateLimits.takeIn(db, options.rateLimit.hits, options.rateLimit.now);
          if (!decision.allowed) throw new RateLimitedError(decision);
        }
        try {
          await db.query(INSERT_LINK, FIELDS.map((field) => link[field]));
        } catch (error) {
          const { code, constraint } = error as { code?: string; constraint?: string };
          if (code === UNIQUE_VIOLATION && constraint === 'links_order') {
            throw new DuplicateOrderError(`order ${link.orderId} already used with ${link.provider}`);
          }
          throw error;
        }
        await audit(db, link.id, link.createdAt, event, null, link.state);
        if (options?.idempotencyKey !== undefined) await keys.attachLink(db, options.idempotencyKey, link.id);
      }),
    getLink: (id) => oneLink(pool, 'id = $1', [id]),
    getLinks: async (ids) => (ids.length ? (await pool.query<LinkRecord>(`${SELECT_LINK} WHERE id = ANY($1)`, [[...ids]])).rows : []),
    getLinkByShortToken: (token) => oneLink(pool, 'short_token = $1', [token]),
    getLinkByOrder: (provider, orderId) => oneLink(pool, 'provider = $1 AND order_id = $2 ORDER BY created_at DESC LIMIT 1', [provider, orderId]),
    updateLink: (id, patch, event, from, options) => transaction(pool, (db) => update(db, id, patch, event, from, options)),
    async listLinks(filter) {
      const { where, params } = linkFilterSql(filter);
      return (await pool.query<LinkRecord>(`${SELECT_LINK} WHERE ${where} ORDER BY updated_at LIMIT $${params.length + 1}`, [...params, filter.limit ?? 100])).rows;
    },
    async pageLinks(query) {
      const params: unknown[] = [];
      const sql = linkPageSql(query, (value) => `$${params.push(value)}`);
      return (await pool.query<LinkRecord>(`${SELECT_LINK} ${sql}`, params)).rows;
    },
    listCustomerDataToErase: (endedBefore, limit = 100) => erasure.due(endedBefore, limit),
    eraseCustomerData: (id, { endedBefore, at }, event) => erasure.erase(id, endedBefore, at, event),
    async events(linkId) {
      const { rows } = await pool.query<Omit<StoredEvent, 'detail'> & { detail: Record<string, unknown> | null }>(
        'SELECT link_id AS "linkId", at, type, actor, from_state AS "fromState", to_state AS "toState", detail FROM link_events WHERE link_id = $1 ORDER BY seq',
        [linkId],
      );
      return rows.map(({ detail, ...row }) => ({ ...row, ...(detail ? { detail } : {}) }));
    },
    claimIdempotencyKey: (key, requestHash, now, ttlMs, staleMs) => keys.claim(key, requestHash, now, ttlMs, staleMs),
    completeIdempotencyKey: (key, status, body) => keys.complete(pool, key, status, body),
    releaseIdempotencyKey: (key) => keys.release(key),
    takeRateLimit: (rules, now) => rateLimits.take(rules, now),
    secret: async (name) => {
      // The first process to ask makes it; any other inserting at the same moment waits for that commit, then reads it.
      await pool.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [name, randomBytes(32).toString('base64url')]);
      return (await pool.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name])).rows[0]!.value;
    },
    recordNotification: (record, decide) =>
      transaction(pool, async (db) => {
        // The link first, locked: the decision is made on it as it is, and inserting the notification takes a
        // share lock on the link its key refers to, which two notifications upgrading would deadlock on.
        const current = record.linkId ? await oneLink(db, 'id = $1 FOR UPDATE', [record.linkId]) : undefined;
        const { outcome, update: change } = decide(current);
        // A notification arriving after its link's customer details were erased keeps only the payment record.
        const fields = current?.customerErasedAt != null ? recordFieldsOnly(record.provider, record.fields) : record.fields;
        // A repeat arriving at the same time waits here for the first one's commit, then inserts nothing.
        const inserted = await db.query(
          `INSERT INTO notifications (provider, transaction_id, type, link_id, outcome, received_at, source_ip, fields)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
          [record.provider, record.transactionId, record.type, record.linkId, outcome, record.receivedAt, record.sourceIp, JSON.stringify(fields)],
        );
        if (inserted.rowCount === 0) return { duplicate: true as const };
        const link = change && current ? await update(db, current.id, change.patch, change.event) : undefined;
        return { duplicate: false as const, outcome, link };
      }),
    watchLinkChanges: (feed) => listener.subscribe(feed),
    emulatorRecords: postgresEmulatorRecords(pool),
    clearDemoData: () =>
      transaction(pool, async (db) => {
        for (const table of DEMO_DATA_TABLES) await db.query(`DELETE FROM ${table}`);
      }),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

function linkFilterSql({ states, updatedBefore, unflagged, owner, pendingRefunds }: LinkFilter) {
  const params: unknown[] = [[...states]];
  const where = ['state = ANY($1)'];
  if (updatedBefore !== undefined) {
    params.push(updatedBefore);
    where.push(`updated_at < $${params.length}`);
  }
  if (unflagged) where.push('attention_at IS NULL');
  if (pendingRefunds) where.push(PENDING_REFUNDS_SQL);
  if (owner !== undefined) {
    params.push(owner);
    where.push(`owner = $${params.length}`);
  }
  return { where: where.join(' AND '), params };
}
