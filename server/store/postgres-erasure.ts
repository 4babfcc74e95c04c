/**
 * Erasing a customer's details in the PostgreSQL store (customer-data.ts
 * says what goes and what stays). One transaction per link that first locks
 * its row, so a payment recorded meanwhile is seen before anything is erased.
 */

import { dueForErasureSql, impersonalDetail, isDueForErasure, recordFieldsOnly } from './customer-data.js';
import { transaction, type Pool, type Queryable } from './postgres-pool.js';
import type { LinkEvent, LinkRecord, NotificationRecord } from './store.js';

type NotificationRow = Pick<NotificationRecord, 'provider' | 'transactionId' | 'type' | 'fields'>;

export function postgresErasure(
  pool: Pool,
  { selectLink, audit }: { selectLink: string; audit: (db: Queryable, link: LinkRecord, at: number, event: LinkEvent) => Promise<unknown> },
) {
  const due = async (endedBefore: number, limit: number) =>
    (await pool.query<LinkRecord>(`${selectLink} WHERE ${dueForErasureSql('$1')} ORDER BY updated_at LIMIT $2`, [endedBefore, limit])).rows;

  const erase = (id: string, endedBefore: number, at: number, event: LinkEvent) =>
    transaction(pool, async (db) => {
      const current = (await db.query<LinkRecord>(`${selectLink} WHERE id = $1 FOR UPDATE`, [id])).rows[0];
      if (!current || !isDueForErasure(current, endedBefore)) return undefined;
      await db.query(
        'UPDATE links SET customer_name = NULL, customer_phone = NULL, customer_email = NULL, customer_erased_at = $2, updated_at = $2 WHERE id = $1',
        [id, at],
      );
      const events = await db.query<{ seq: number; detail: Record<string, unknown> }>('SELECT seq, detail FROM link_events WHERE link_id = $1 AND detail IS NOT NULL', [id]);
      for (const row of events.rows) {
        const kept = impersonalDetail(row.detail);
        await db.query('UPDATE link_events SET detail = $2 WHERE seq = $1', [row.seq, kept && JSON.stringify(kept)]);
      }
      const notifications = await db.query<NotificationRow>('SELECT provider, transaction_id AS "transactionId", type, fields FROM notifications WHERE link_id = $1', [id]);
      for (const row of notifications.rows) {
        await db.query('UPDATE notifications SET fields = $4 WHERE provider = $1 AND transaction_id = $2 AND type = $3', [
          row.provider,
          row.transactionId,
          row.type,
          JSON.stringify(recordFieldsOnly(row.provider, row.fields)),
        ]);
      }
      const erased: LinkRecord = { ...current, customerName: null, customerPhone: null, customerEmail: null, customerErasedAt: at, updatedAt: at };
      await audit(db, erased, at, event);
      return erased;
    });

  return { due, erase };
}
