/**
 * The emulators' records in the SQLite store (emulator-records.ts). Each
 * method is one IMMEDIATE transaction (or a savepoint in the store's shared
 * one), so a bound is held and a replace compares and writes with no other
 * process in between.
 */

import type Database from 'better-sqlite3';
import type { EmulatorRecord, EmulatorRecords, EmulatorTable } from './emulator-records.js';
import type { GroupCommit } from './sqlite-group-commit.js';

export function sqliteEmulatorRecords(db: Database.Database, { write, read }: Pick<GroupCommit, 'write' | 'read'>): EmulatorRecords {
  const select = db.prepare('SELECT value FROM emulator_records WHERE emulator = ? AND kind = ? AND key = ?');
  const insert = db.prepare(
    'INSERT INTO emulator_records (emulator, kind, key, value, ends_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (emulator, kind, key) DO NOTHING',
  );
  const replace = db.prepare(
    'UPDATE emulator_records SET value = ?, ends_at = ?, updated_at = ? WHERE emulator = ? AND kind = ? AND key = ? AND value = ?',
  );
  const remove = db.prepare('DELETE FROM emulator_records WHERE emulator = ? AND kind = ? AND key = ?');
  const count = db.prepare('SELECT count(*) AS count FROM emulator_records WHERE emulator = ? AND kind = ?');
  const oldestEnded = db.prepare(
    'SELECT key, value FROM emulator_records WHERE emulator = ? AND kind = ? AND ends_at <= ? ORDER BY seq LIMIT 1',
  );
  const oldest = db.prepare('SELECT key, value FROM emulator_records WHERE emulator = ? AND kind = ? ORDER BY seq LIMIT 1');
  const list = db.prepare('SELECT key, value FROM emulator_records WHERE emulator = ? AND kind = ? ORDER BY seq');

  const add = db.transaction((table: EmulatorTable, key: string, value: string, endsAt: number | null, bound?: { max: number; now: number }) => {
    const { emulator, kind } = table;
    if (select.get(emulator, kind, key)) return { added: false };
    let evicted: EmulatorRecord | undefined;
    if (bound && (count.get(emulator, kind) as { count: number }).count >= bound.max) {
      evicted = (oldestEnded.get(emulator, kind, bound.now) ?? oldest.get(emulator, kind)) as EmulatorRecord | undefined;
      if (evicted) remove.run(emulator, kind, evicted.key);
    }
    insert.run(emulator, kind, key, value, endsAt, Date.now());
    return evicted ? { added: true, evicted } : { added: true };
  });

  return {
    get: ({ emulator, kind }, key) => read(() => (select.get(emulator, kind, key) as { value: string } | undefined)?.value),
    add: (table, key, value, endsAt, bound) => write(() => add.immediate(table, key, value, endsAt, bound)),
    replace: ({ emulator, kind }, key, from, to, endsAt) => write(() => replace.run(to, endsAt, Date.now(), emulator, kind, key, from).changes === 1),
    delete: ({ emulator, kind }, key) => write(() => void remove.run(emulator, kind, key)),
    count: ({ emulator, kind }) => read(() => (count.get(emulator, kind) as { count: number }).count),
    list: ({ emulator, kind }) => read(() => list.all(emulator, kind) as EmulatorRecord[]),
  };
}
