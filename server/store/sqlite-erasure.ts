/**
 * Erasing a customer's details in the SQLite store (customer-data.ts says
 * what goes and what stays). One IMMEDIATE transaction per link: the link is
 * checked and erased with no other process changing it in between.
 */

import type Database from 'better-sqlite3';
import { dueForErasureSql, impersonalDetail, isDueForErasure, recordFieldsOnly } from './customer-data.js';
import type { LinkEvent, LinkRecord, NotificationRecord } from './store.js';

type NotificationKey = Pick<NotificationRecord, 'provider' | 'transactionId' | 'type'>;

export function sqliteErasure(
  db: Database.Database,
  { selectLink, audit }: { selectLink: string; audit: (link: LinkRecord, at: number, event: LinkEvent) => void },
) {
  const due = db.prepare(`${selectLink} WHERE ${dueForErasureSql('@before')} ORDER BY updated_at LIMIT @limit`);
  const byId = db.prepare(`${selectLink} WHERE id = ?`);
  const eraseLink = db.prepare(
    'UPDATE links SET customer_name = NULL, customer_phone = NULL, customer_email = NULL, customer_erased_at = @at, updated_at = @at WHERE id = @id',
  );
  const eventDetails = db.prepare('SELECT seq, detail FROM link_events WHERE link_id = ? AND detail IS NOT NULL');
  const setEventDetail = db.prepare('UPDATE link_events SET detail = ? WHERE seq = ?');
  const notificationFields = db.prepare('SELECT provider, transaction_id AS transactionId, type, fields FROM notifications WHERE link_id = ?');
  const setNotificationFields = db.prepare('UPDATE notifications SET fields = ? WHERE provider = ? AND transaction_id = ? AND type = ?');

  const erase = db.transaction((id: string, endedBefore: number, at: number, event: LinkEvent) => {
    const current = byId.get(id) as LinkRecord | undefined;
    if (!current || !isDueForErasure(current, endedBefore)) return undefined;
    eraseLink.run({ id, at });
    for (const row of eventDetails.all(id) as { seq: number; detail: string }[]) {
      const kept = impersonalDetail(JSON.parse(row.detail) as Record<string, unknown>);
      setEventDetail.run(kept && JSON.stringify(kept), row.seq);
    }
    for (const row of notificationFields.all(id) as (NotificationKey & { fields: string })[]) {
      const kept = recordFieldsOnly(row.provider, JSON.parse(row.fields) as Record<string, string>);
      setNotificationFields.run(JSON.stringify(kept), row.provider, row.transactionId, row.type);
    }
    const erased: LinkRecord = { ...current, customerName: null, customerPhone: null, customerEmail: null, customerErasedAt: at, updatedAt: at };
    audit(erased, at, event);
    return erased;
  });

  return {
    due: (endedBefore: number, limit: number) => due.all({ before: endedBefore, limit }) as LinkRecord[],
    erase: (id: string, endedBefore: number, at: number, event: LinkEvent) => erase.immediate(id, endedBefore, at, event),
  };
}
