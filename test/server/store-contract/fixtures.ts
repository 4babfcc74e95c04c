/** What the store contract's suites share: the database under test, and links with every field set. */

import { afterAll, beforeAll } from 'vitest';
import { newLinkId, newOrderId, newShortToken } from '../../../server/links/ids.js';
import type { LinkRecord, Store } from '../../../server/store/store.js';

export interface TestDatabase {
  /** Opens another store on this database: its own connection(s), as another process would have. */
  connect(): Promise<Store>;
  /** The rows a plain `SELECT` reads, past the store: what the tables really hold. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** Deletes the database. */
  dispose(): Promise<void>;
}

export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 0, 1);
let serial = 0;

/** A link with every field set, so a round trip proves each column. */
export function link(change: Partial<LinkRecord> = {}): LinkRecord {
  const at = T0 + serial++;
  return {
    id: newLinkId(),
    provider: 'kicc',
    merchantId: 'T5102001',
    orderId: newOrderId(at),
    amount: 999_999_999,
    goodsName: '아메리카노 2잔',
    customerName: '김고객',
    customerPhone: '01012345678',
    customerEmail: 'kim@example.com',
    delivery: 'provider-sms',
    message: '감사합니다',
    state: 'creating',
    url: null,
    providerRef: null,
    shortToken: newShortToken(),
    expiresAt: at + 7 * 24 * 60 * MINUTE,
    createdAt: at,
    updatedAt: at,
    openedAt: null,
    paidAt: null,
    cancelledAt: null,
    paymentRef: null,
    problem: null,
    owner: 'till-1',
    attentionAt: null,
    attempts: 'kicc:registered',
    attention: null,
    customerErasedAt: null,
    refundedAmount: 0,
    refunds: null,
    paymentMethod: '11',
    partialRefunds: 'Y',
    paymentDetails: JSON.stringify({ method: 'card', cardIssuer: 'KB국민카드', approvalNo: '30012345', approvedAt: at }),
    ...change,
  };
}

export const created = { type: 'create_requested', actor: 'api', detail: { ip: '127.0.0.1' } };

/** One database for a `describe` block, and the stores opened on it, all closed after. */
export function onOneDatabase(freshDatabase: () => Promise<TestDatabase>) {
  let database: TestDatabase;
  const opened: Store[] = [];
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await database.dispose();
  });
  const connect = async () => {
    const store = await database.connect();
    opened.push(store);
    return store;
  };
  return Object.assign(connect, { rows: (sql: string) => database.rows(sql) });
}
