/**
 * The embedded store: one SQLite file through better-sqlite3, in WAL mode
 * with `synchronous=FULL` so a link answered 201 survives a crash or a power
 * cut. better-sqlite3 is synchronous; every method here is one transaction,
 * or a savepoint in one shared with the writes that arrived with it, answered
 * after it commits (sqlite-group-commit.ts).
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { recordFieldsOnly } from './customer-data.js';
import { DEMO_DATA_TABLES } from './demo-data.js';
import { changedFields, COLUMNS, FIELDS, guardOf, holds, PENDING_REFUNDS_SQL } from './link-rows.js';
import { sqliteEmulatorRecords } from './sqlite-emulator-records.js';
import { linkPageSql } from './link-page-sql.js';
import { sqliteErasure } from './sqlite-erasure.js';
import { sqliteGroupCommit } from './sqlite-group-commit.js';
import { sqliteIdempotency } from './sqlite-idempotency.js';
import { sqliteRateLimits } from './sqlite-rate-limits.js';
import { MIGRATIONS } from './sqlite-schema.js';
import {
  DuplicateOrderError,
  RateLimitedError,
  type LinkEvent,
  type LinkFilter,
  type LinkGuard,
  type LinkPatch,
  type LinkRecord,
  type LinkState,
  type NotificationDecision,
  type NotificationRecord,
  type StoredEvent,
  type Store,
  type UpdateOptions,
} from './store.js';

type InsertOptions = NonNullable<Parameters<Store['insertLink']>[2]>;

const SELECT_LINK = `SELECT ${FIELDS.map((field) => `${COLUMNS[field]} AS ${field}`).join(', ')} FROM links`;

export interface SqliteOptions {
  /** `FULL` (default) survives power loss; `NORMAL` may lose the last commits. */
  synchronous?: 'FULL' | 'NORMAL';
}

export function openSqliteStore(path: string, { synchronous = 'FULL' }: SqliteOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const insertLink = db.prepare(`INSERT INTO links (${FIELDS.map((f) => COLUMNS[f]).join(', ')}) VALUES (${FIELDS.map((f) => `@${f}`).join(', ')})`);
  const insertEvent = db.prepare(
    'INSERT INTO link_events (link_id, at, type, actor, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare(`${SELECT_LINK} WHERE id = ?`);
  // One parameter however many ids: a JSON array, so no statement hits SQLite's limit on parameters.
  const byIds = db.prepare(`${SELECT_LINK} WHERE id IN (SELECT value FROM json_each(?))`);
  const byToken = db.prepare(`${SELECT_LINK} WHERE short_token = ?`);
  const byOrder = db.prepare(`${SELECT_LINK} WHERE provider = ? AND order_id = ? ORDER BY created_at DESC LIMIT 1`);
  const eventsOf = db.prepare(
    'SELECT link_id AS linkId, at, type, actor, from_state AS fromState, to_state AS toState, detail FROM link_events WHERE link_id = ? ORDER BY seq',
  );
  const keys = sqliteIdempotency(db);
  const rateLimits = sqliteRateLimits(db);

  const audit = (link: Pick<LinkRecord, 'id'>, at: number, event: LinkEvent, from: LinkState | null, to: LinkState | null) =>
    insertEvent.run(link.id, at, event.type, event.actor, from, to, event.detail ? JSON.stringify(event.detail) : null);
  const erasure = sqliteErasure(db, { selectLink: SELECT_LINK, audit: (link, at, event) => audit(link, at, event, link.state, link.state) });

  const insert = db.transaction((link: LinkRecord, event: LinkEvent, { idempotencyKey, rateLimit }: InsertOptions = {}) => {
    if (rateLimit) {
      const decision = rateLimits.takeHere(rateLimit.hits, rateLimit.now);
      if (!decision.allowed) throw new RateLimitedError(decision);
    }
    try {
      insertLink.run(link);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && String(error).includes('order_id')) {
        throw new DuplicateOrderError(`order ${link.orderId} already used with ${link.provider}`);
      }
      throw error;
    }
    audit(link, link.createdAt, event, null, link.state);
    if (idempotencyKey !== undefined) keys.attachLink(idempotencyKey, link.id);
  });

  // One statement per set of changed columns, prepared once: the few a link's life goes through.
  const updates = new Map<string, Database.Statement>();
  const updateOf = (changed: readonly (keyof LinkRecord)[]) => {
    const key = changed.join();
    let statement = updates.get(key);
    if (!statement) {
      statement = db.prepare(`UPDATE links SET ${changed.map((f) => `${COLUMNS[f]} = @${f}`).join(', ')} WHERE id = @id`);
      updates.set(key, statement);
    }
    return statement;
  };

  const update = db.transaction((id: string, patch: LinkPatch, event: LinkEvent, from?: readonly LinkState[] | LinkGuard, options?: UpdateOptions) => {
    const current = byId.get(id) as LinkRecord | undefined;
    if (!current || !holds(guardOf(from), current)) return undefined;
    const next: LinkRecord = { ...current, ...patch, updatedAt: patch.updatedAt ?? Date.now() };
    const changed = changedFields(current, next);
    if (changed.length) updateOf(changed).run(next);
    audit(next, next.updatedAt, event, current.state, next.state);
    if (options?.completesKey) {
      const { status, body } = options.completesKey.answer(next);
      keys.complete(options.completesKey.key, status, body);
    }
    return next;
  });

  const insertNotification = db.prepare(
    `INSERT INTO notifications (provider, transaction_id, type, link_id, outcome, received_at, source_ip, fields)
     VALUES (@provider, @transactionId, @type, @linkId, @outcome, @receivedAt, @sourceIp, @fields)
     ON CONFLICT DO NOTHING`,
  );
  const notify = db.transaction((record: Omit<NotificationRecord, 'outcome'>, decide: (link: LinkRecord | undefined) => NotificationDecision) => {
    const current = record.linkId === null ? undefined : (byId.get(record.linkId) as LinkRecord | undefined);
    const { outcome, update: change } = decide(current);
    // A notification arriving after its link's customer details were erased keeps only the payment record.
    const fields = current?.customerErasedAt != null ? recordFieldsOnly(record.provider, record.fields) : record.fields;
    const inserted = insertNotification.run({ ...record, outcome, fields: JSON.stringify(fields) }).changes === 1;
    if (!inserted) return { duplicate: true as const };
    const link = change && current ? update(current.id, change.patch, change.event) : undefined;
    return { duplicate: false as const, outcome, link };
  });

  const insertSecret = db.prepare('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const readSecret = db.prepare('SELECT value FROM secrets WHERE name = ?');
  const secret = db.transaction((name: string) => {
    insertSecret.run(name, randomBytes(32).toString('base64url'));
    return (readSecret.get(name) as { value: string }).value;
  });

  const clearDemoData = db.transaction(() => {
    for (const table of DEMO_DATA_TABLES) db.prepare(`DELETE FROM ${table}`).run();
  });

  // Statements whose text depends on the query (filters, pages), prepared once per text.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

  const group = sqliteGroupCommit(db);
  const { write, read } = group;

  return {
    insertLink: (link, event, options) => write(() => insert(link, event, options)),
    getLink: (id) => read(() => byId.get(id) as LinkRecord | undefined),
    getLinks: (ids) => read(() => (ids.length ? (byIds.all(JSON.stringify(ids)) as LinkRecord[]) : [])),
    getLinkByShortToken: (token) => read(() => byToken.get(token) as LinkRecord | undefined),
    getLinkByOrder: (provider, orderId) => read(() => byOrder.get(provider, orderId) as LinkRecord | undefined),
    updateLink: (id, patch, event, from, options) => write(() => update(id, patch, event, from, options)),
    listLinks: (filter) =>
      read(() => {
        const { where, params } = linkFilterSql(filter);
        return prepared(`${SELECT_LINK} WHERE ${where} ORDER BY updated_at LIMIT ?`).all(...params, filter.limit ?? 100) as LinkRecord[];
      }),
    pageLinks: (query) =>
      read(() => {
        const params: unknown[] = [];
        const sql = linkPageSql(query, (value) => (params.push(value), '?'));
        // Without statistics SQLite would rather read every link of a state by links_state, then sort them.
        return prepared(`${SELECT_LINK} INDEXED BY links_created ${sql}`).all(...params) as LinkRecord[];
      }),
    listCustomerDataToErase: (endedBefore, limit = 100) => read(() => erasure.due(endedBefore, limit)),
    eraseCustomerData: (id, { endedBefore, at }, event) => write(() => erasure.erase(id, endedBefore, at, event)),
    events: (linkId) =>
      read(() =>
        (eventsOf.all(linkId) as (Omit<StoredEvent, 'detail'> & { detail: string | null })[]).map(({ detail, ...row }) => ({
          ...row,
          ...(detail ? { detail: JSON.parse(detail) } : {}),
        })),
      ),
    // A key claimed is only a go-ahead: the intent the request records next commits it with itself, in one fsync,
    // and fails when the claim did not last (`attachLink`). Every other answer waits for the commit.
    claimIdempotencyKey: (key, requestHash, now, ttlMs, staleMs) =>
      write(
        () => keys.claim(key, requestHash, now, ttlMs, staleMs),
        (claim) => claim.kind === 'claimed',
      ),
    completeIdempotencyKey: (key, status, body) => write(() => keys.complete(key, status, body)),
    releaseIdempotencyKey: (key) => write(() => keys.release(key)),
    takeRateLimit: (rules, now) => write(() => rateLimits.take(rules, now)),
    secret: (name) => write(() => secret.immediate(name)),
    // Immediate: the link is read and then written, and no other process may change it in between.
    recordNotification: (record, decide) => write(() => notify.immediate(record, decide)),
    emulatorRecords: sqliteEmulatorRecords(db, group),
    clearDemoData: () => write(() => clearDemoData.immediate()),
    async close() {
      group.flush();
      db.close();
    },
  };
}

function linkFilterSql({ states, updatedBefore, unflagged, owner, pendingRefunds }: LinkFilter) {
  const where = [`state IN (${states.map(() => '?').join(', ')})`];
  const params: (string | number)[] = [...states];
  if (updatedBefore !== undefined) {
    where.push('updated_at < ?');
    params.push(updatedBefore);
  }
  if (unflagged) where.push('attention_at IS NULL');
  if (pendingRefunds) where.push(PENDING_REFUNDS_SQL);
  if (owner !== undefined) {
    where.push('owner = ?');
    params.push(owner);
  }
  return { where: where.join(' AND '), params };
}

function migrate(db: Database.Database) {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (const [index, sql] of MIGRATIONS.entries()) {
    if (index < version) continue;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${index + 1}`);
    })();
  }
}
