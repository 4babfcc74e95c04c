/**
 * The emulators' records in the PostgreSQL store (emulator-records.ts), shared
 * by every instance on the database. An add takes a transaction-scoped
 * advisory lock per table, so two instances adding at once hold the bound
 * together; a replace compares and writes in one statement.
 */

import { transaction, type Pool } from './postgres-pool.js';
import type { EmulatorRecord, EmulatorRecords } from './emulator-records.js';

const TABLE = 'emulator = $1 AND kind = $2';

export function postgresEmulatorRecords(pool: Pool): EmulatorRecords {
  return {
    async get({ emulator, kind }, key) {
      const { rows } = await pool.query<{ value: string }>(`SELECT value FROM emulator_records WHERE ${TABLE} AND key = $3`, [emulator, kind, key]);
      return rows[0]?.value;
    },
    add: ({ emulator, kind }, key, value, endsAt, bound) =>
      transaction(pool, async (db) => {
        // The schema is part of the lock's name: locks are per database, tables per schema.
        await db.query(`SELECT pg_advisory_xact_lock(hashtextextended(coalesce(current_schema(), '') || ' emulator_records ' || $1 || ' ' || $2, 0))`, [
          emulator,
          kind,
        ]);
        const present = await db.query(`SELECT 1 FROM emulator_records WHERE ${TABLE} AND key = $3`, [emulator, kind, key]);
        if (present.rowCount) return { added: false };
        let evicted: EmulatorRecord | undefined;
        if (bound) {
          const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM emulator_records WHERE ${TABLE}`, [emulator, kind]);
          if (rows[0]!.count >= bound.max) {
            const oldest = (where: string, params: unknown[]) =>
              db.query<EmulatorRecord>(`SELECT key, value FROM emulator_records WHERE ${TABLE}${where} ORDER BY seq LIMIT 1`, [emulator, kind, ...params]);
            evicted = (await oldest(' AND ends_at <= $3', [bound.now])).rows[0] ?? (await oldest('', [])).rows[0];
            if (evicted) await db.query(`DELETE FROM emulator_records WHERE ${TABLE} AND key = $3`, [emulator, kind, evicted.key]);
          }
        }
        await db.query('INSERT INTO emulator_records (emulator, kind, key, value, ends_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          emulator,
          kind,
          key,
          value,
          endsAt,
          Date.now(),
        ]);
        return evicted ? { added: true, evicted } : { added: true };
      }),
    async replace({ emulator, kind }, key, from, to, endsAt) {
      const { rowCount } = await pool.query(
        `UPDATE emulator_records SET value = $4, ends_at = $5, updated_at = $6 WHERE ${TABLE} AND key = $3 AND value = $7`,
        [emulator, kind, key, to, endsAt, Date.now(), from],
      );
      return rowCount === 1;
    },
    async delete({ emulator, kind }, key) {
      await pool.query(`DELETE FROM emulator_records WHERE ${TABLE} AND key = $3`, [emulator, kind, key]);
    },
    async count({ emulator, kind }) {
      const { rows } = await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM emulator_records WHERE ${TABLE}`, [emulator, kind]);
      return rows[0]!.count;
    },
    async list({ emulator, kind }) {
      return (await pool.query<EmulatorRecord>(`SELECT key, value FROM emulator_records WHERE ${TABLE} ORDER BY seq`, [emulator, kind])).rows;
    },
  };
}
