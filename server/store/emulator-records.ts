/**
 * A small table for the built-in emulators (a separate entry, server/emulators/):
 * what they registered, kept in the backend's database so several instances
 * on one PostgreSQL serve the same payment pages and cancels. Values are
 * opaque text (the emulators write JSON); every method is atomic.
 */

/** One kind of record of one emulator, e.g. `kicc` / `registrations`. */
export interface EmulatorTable {
  emulator: string;
  kind: string;
}

export interface EmulatorRecord {
  key: string;
  value: string;
}

/** At most `max` records in a table; `now` (the emulator's clock) decides which have ended. */
export interface RecordBound {
  max: number;
  now: number;
}

export interface EmulatorRecords {
  get(table: EmulatorTable, key: string): Promise<string | undefined>;
  /**
   * Adds a record unless `key` holds one (`added: false` then). `endsAt`:
   * when nothing more can happen to it (epoch ms; `null` never). With a
   * `bound` reached, one record goes first — the oldest that has ended, else
   * the oldest — and is returned, so what refers to it can go too.
   */
  add(table: EmulatorTable, key: string, value: string, endsAt: number | null, bound?: RecordBound): Promise<{ added: boolean; evicted?: EmulatorRecord }>;
  /** Replaces the record when it still reads `from`: false when another change came first, or it is gone. */
  replace(table: EmulatorTable, key: string, from: string, to: string, endsAt: number | null): Promise<boolean>;
  delete(table: EmulatorTable, key: string): Promise<void>;
  count(table: EmulatorTable): Promise<number>;
  /** Every record of the table, oldest first (tests and the demo; the bound keeps it short). */
  list(table: EmulatorTable): Promise<EmulatorRecord[]>;
}
