/**
 * Link changes across instances on PostgreSQL: a store hears of every link
 * another store (its own pool, as another instance) changes, once the change
 * commits, and only then; and its listening connection comes back when the
 * database drops it.
 */

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres.js';
import { listenerName } from '../../server/store/postgres-changes.js';
import type { NotificationDecision, Store } from '../../server/store/store.js';
import { eventually } from '../support/eventually.js';
import { freshSchema, testDatabaseUrl, type TestSchema } from '../support/postgres.js';
import { created, link } from './store-contract/fixtures.js';

let schema: TestSchema;
let listening: Store;
let writing: Store;
const heard: { id: string; at: number }[] = [];
const resumed: number[] = [];
const lost: { error: string; retryInMs: number }[] = [];
let restored = 0;
let unsubscribe: () => void;

beforeAll(async () => {
  schema = await freshSchema();
  listening = await openPostgresStore(schema.url, {
    max: 2,
    onLost: (error, retryInMs) => lost.push({ error: error.message, retryInMs }),
    onRestored: () => restored++,
  });
  writing = await openPostgresStore(schema.url, { max: 2 });
  unsubscribe = listening.watchLinkChanges!({ changed: (id) => heard.push({ id, at: performance.now() }), resumed: () => resumed.push(performance.now()) });
  await eventually(async () => resumed.length, (count) => count === 1);
});
afterAll(async () => {
  unsubscribe?.();
  await listening?.close();
  await writing?.close();
  await schema?.drop();
});

const heardOf = (id: string) => heard.filter((change) => change.id === id);

describe('link changes on PostgreSQL', () => {
  it('are heard by another instance as each update commits, within a second', async () => {
    const record = link();
    await writing.insertLink(record, created);
    const started = performance.now();
    await writing.updateLink(record.id, { state: 'active', url: 'https://pay.example/1' }, { type: 'registered', actor: 'provider:kicc' }, ['creating']);
    await writing.updateLink(record.id, { state: 'paid', paidAt: Date.now() }, { type: 'paid', actor: 'webhook:kicc' }, ['active']);
    await eventually(async () => heardOf(record.id).length, (count) => count === 2, 1000);
    expect(heardOf(record.id)).toHaveLength(2);
    expect(heardOf(record.id).at(-1)!.at - started).toBeLessThan(1000);
  });

  it('tell nothing of an update whose guard did not hold, or of a repeated notification', async () => {
    const record = link({ state: 'active' });
    await writing.insertLink(record, created);
    const notification = { provider: 'kicc', transactionId: `T${Date.now()}`, type: '10', linkId: record.id, receivedAt: Date.now(), sourceIp: '127.0.0.1', fields: {} };
    const paying = (): NotificationDecision => ({ outcome: 'applied', update: { patch: { state: 'paid', paidAt: Date.now() }, event: { type: 'paid', actor: 'webhook:kicc' } } });
    const first = await writing.recordNotification(notification, paying);
    expect(!first.duplicate && first.link?.state).toBe('paid');
    expect((await writing.recordNotification(notification, paying)).duplicate).toBe(true);
    expect(await writing.updateLink(record.id, { state: 'cancelled' }, { type: 'cancelled', actor: 'api' }, ['active'])).toBeUndefined();
    // A change after them all: once it is heard, anything they told would have been too.
    const marker = link();
    await writing.insertLink(marker, created);
    await writing.updateLink(marker.id, { openedAt: Date.now() }, { type: 'opened', actor: 'customer' });
    await eventually(async () => heardOf(marker.id).length, (count) => count === 1, 1000);
    expect(heardOf(record.id)).toHaveLength(1);
  });

  it('keep coming after the database drops the listening connection: it reconnects, says so, and resumes', async () => {
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = $1', [listenerName()]);
      expect(rows).toEqual([{ done: true }]);
    } finally {
      await admin.end();
    }
    await eventually(async () => resumed.length, (count) => count === 2, 5000);
    expect(lost).toEqual([{ error: expect.any(String), retryInMs: 500 }]);
    expect(restored).toBe(1);

    const record = link({ state: 'active' });
    await writing.insertLink(record, created);
    await writing.updateLink(record.id, { openedAt: Date.now() }, { type: 'opened', actor: 'customer' });
    await eventually(async () => heardOf(record.id).length, (count) => count === 1, 1000);
    expect(heardOf(record.id)).toHaveLength(1);
  });
});
