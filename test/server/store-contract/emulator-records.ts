/**
 * The emulators' records (store/emulator-records.ts): a key taken once, a
 * bound that lets the oldest ended record go first, and a compare-and-set
 * replace — exact under races from two connections, as two instances would
 * race. Run against both stores and the emulators' in-memory records.
 */

import { describe, expect, it } from 'vitest';
import type { EmulatorRecords } from '../../../server/store/emulator-records.js';
import { onOneDatabase, T0, type TestDatabase } from './fixtures.js';

export function emulatorRecordsContract(freshDatabase: () => Promise<TestDatabase>) {
  describe('emulator records', () => {
    const connect = onOneDatabase(freshDatabase);
    emulatorRecordsBehaviour(async () => (await connect()).emulatorRecords!);
  });
}

let tables = 0;
/** A table of its own for each test. */
const freshTable = () => ({ emulator: 'kicc', kind: `registrations-${++tables}` });

/** `connect` opens records on one database: another connection each time where the records have any. */
export function emulatorRecordsBehaviour(connect: () => Promise<EmulatorRecords>) {
  it('add a key once, read it back, and keep tables and emulators apart', async () => {
    const records = await connect();
    const table = freshTable();
    expect(await records.add(table, 'A', '{"n":1}', null)).toEqual({ added: true });
    expect(await records.add(table, 'A', '{"n":2}', null)).toEqual({ added: false });
    expect(await records.get(table, 'A')).toBe('{"n":1}');
    expect(await records.get({ ...table, emulator: 'paywelcome' }, 'A')).toBeUndefined();
    expect(await records.get({ ...table, kind: 'orders' }, 'A')).toBeUndefined();
    expect(await records.count(table)).toBe(1);
    await records.delete(table, 'A');
    expect(await records.get(table, 'A')).toBeUndefined();
    expect(await records.add(table, 'A', '{"n":3}', null)).toEqual({ added: true });
  });

  it('replace a record only while it reads as expected, keeping its age', async () => {
    const records = await connect();
    const table = freshTable();
    await records.add(table, 'A', 'a1', null);
    await records.add(table, 'B', 'b1', null);
    expect(await records.replace(table, 'A', 'stale', 'a2', null)).toBe(false);
    expect(await records.replace(table, 'A', 'a1', 'a2', T0)).toBe(true);
    expect(await records.replace(table, 'missing', 'a1', 'a2', null)).toBe(false);
    expect(await records.list(table)).toEqual([
      { key: 'A', value: 'a2' },
      { key: 'B', value: 'b1' },
    ]);
  });

  it('hold a bound: the oldest ended record goes first, else the oldest, and is handed back', async () => {
    const records = await connect();
    const table = freshTable();
    const bound = { max: 3, now: T0 };
    await records.add(table, 'A', 'a', T0 + 60_000, bound);
    await records.add(table, 'B', 'b', T0 + 60_000, bound);
    await records.add(table, 'C', 'c', null, bound);
    // B ends (paid, cancelled): it goes before the older A.
    expect(await records.replace(table, 'B', 'b', 'b-paid', 0)).toBe(true);
    expect(await records.add(table, 'D', 'd', null, bound)).toEqual({ added: true, evicted: { key: 'B', value: 'b-paid' } });
    // None has ended: the oldest goes.
    expect(await records.add(table, 'E', 'e', null, bound)).toEqual({ added: true, evicted: { key: 'A', value: 'a' } });
    // A key already there is no addition: nothing goes.
    expect(await records.add(table, 'C', 'again', null, bound)).toEqual({ added: false });
    await records.add(table, 'F', 'f', T0 + 60_000, bound);
    expect((await records.list(table)).map(({ key }) => key)).toEqual(['D', 'E', 'F']);
    // An hour on, F, which was to end within a minute, has ended: it goes before the older D and E.
    expect(await records.add(table, 'G', 'g', null, { max: 3, now: T0 + 3_600_000 })).toEqual({ added: true, evicted: { key: 'F', value: 'f' } });
    expect(await records.count(table)).toBe(3);
  });

  it('give a key to one of twenty adds racing from two connections, and a replace to one of two', async () => {
    const [one, two] = [await connect(), await connect()];
    const table = freshTable();
    const adds = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).add(table, 'ORDER-1', `try-${i}`, null)));
    expect(adds.filter(({ added }) => added)).toHaveLength(1);
    const value = (await one.get(table, 'ORDER-1'))!;
    const replaces = await Promise.all([one.replace(table, 'ORDER-1', value, 'paid-by-one', 0), two.replace(table, 'ORDER-1', value, 'paid-by-two', 0)]);
    expect(replaces.filter(Boolean)).toHaveLength(1);
  });

  it('hold the bound under forty adds racing from two connections', async () => {
    const [one, two] = [await connect(), await connect()];
    const table = freshTable();
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).add(table, `K${i}`, 'v', null, { max: 10, now: T0 })));
    expect(await one.count(table)).toBe(10);
  });
}
