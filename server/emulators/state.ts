/**
 * What an emulator keeps — its registrations and the order numbers they hold —
 * as JSON records (store/emulator-records.ts): in memory by default, or in
 * the backend's database when instances share one PostgreSQL (index.ts), so
 * a payment page or a cancel reaching another instance finds what this one
 * registered.
 */

import type { EmulatorRecord, EmulatorRecords, EmulatorTable } from '../store/emulator-records.js';

/** Records in this process only, which the demo's reset can drop at once. */
export interface MemoryRecords extends EmulatorRecords {
  clear(): void;
}

/** Records in this process only: what a single instance, a test or the demo needs. */
export function memoryRecords(): MemoryRecords {
  const tables = new Map<string, Map<string, { value: string; endsAt: number | null }>>();
  const of = ({ emulator, kind }: EmulatorTable) => {
    const name = `${emulator}\n${kind}`;
    let records = tables.get(name);
    if (!records) tables.set(name, (records = new Map()));
    return records;
  };
  return {
    async get(table, key) {
      return of(table).get(key)?.value;
    },
    async add(table, key, value, endsAt, bound) {
      const records = of(table);
      if (records.has(key)) return { added: false };
      let evicted: EmulatorRecord | undefined;
      if (bound && records.size >= bound.max) {
        // Insertion order is age; the oldest entries are the likeliest to have ended, so the walk is short.
        for (const [oldKey, record] of records) {
          evicted ??= { key: oldKey, value: record.value };
          if (record.endsAt !== null && record.endsAt <= bound.now) {
            evicted = { key: oldKey, value: record.value };
            break;
          }
        }
        if (evicted) records.delete(evicted.key);
      }
      records.set(key, { value, endsAt });
      return evicted ? { added: true, evicted } : { added: true };
    },
    async replace(table, key, from, to, endsAt) {
      const records = of(table);
      if (records.get(key)?.value !== from) return false;
      // Map.set keeps an existing key where it is: age is the time of the add.
      records.set(key, { value: to, endsAt });
      return true;
    },
    async delete(table, key) {
      of(table).delete(key);
    },
    async count(table) {
      return of(table).size;
    },
    async list(table) {
      return [...of(table)].map(([key, { value }]) => ({ key, value }));
    },
    clear() {
      tables.clear();
    },
  };
}

export interface StateTableOptions<V> {
  /** Records kept at most; beyond, the oldest that has ended goes first, else the oldest. */
  max?: number;
  /** When nothing more can happen to a record (epoch ms), `null` never. */
  endsAt?: (value: V) => number | null;
  /** The emulator's clock, which decides what has ended. */
  now?: () => number;
  /** Drops what refers to an evicted record (its order number). */
  onEvict?: (key: string, value: V) => Promise<void>;
}

/** One kind of record of one emulator, read and written as values of type `V`. Tests read an emulator's state through it too. */
export class StateTable<V> {
  constructor(
    private readonly records: EmulatorRecords,
    private readonly table: EmulatorTable,
    private readonly options: StateTableOptions<V> = {},
  ) {}

  async get(key: string): Promise<V | undefined> {
    const text = await this.records.get(this.table, key);
    return text === undefined ? undefined : (JSON.parse(text) as V);
  }

  /** Adds `value` under `key` unless a record is there already (false then), evicting one when the table is full. */
  async add(key: string, value: V): Promise<boolean> {
    const { max, now = Date.now, onEvict } = this.options;
    const bound = max === undefined ? undefined : { max, now: now() };
    const { added, evicted } = await this.records.add(this.table, key, JSON.stringify(value), this.endsAt(value), bound);
    if (evicted) await onEvict?.(evicted.key, JSON.parse(evicted.value) as V);
    return added;
  }

  /**
   * Applies `change` to the record as it is now; when another instance
   * changed it in between, reads it again and retries. `change` returns
   * `undefined` to leave it as it is. `undefined` when there is no record.
   */
  async update(key: string, change: (current: V) => V | undefined): Promise<{ value: V; changed: boolean } | undefined> {
    for (;;) {
      const text = await this.records.get(this.table, key);
      if (text === undefined) return undefined;
      const current = JSON.parse(text) as V;
      const next = change(current);
      if (next === undefined) return { value: current, changed: false };
      if (await this.records.replace(this.table, key, text, JSON.stringify(next), this.endsAt(next))) return { value: next, changed: true };
    }
  }

  delete(key: string): Promise<void> {
    return this.records.delete(this.table, key);
  }

  size(): Promise<number> {
    return this.records.count(this.table);
  }

  /** Every record, oldest first. */
  async values(): Promise<V[]> {
    return (await this.records.list(this.table)).map(({ value }) => JSON.parse(value) as V);
  }

  private endsAt(value: V): number | null {
    return this.options.endsAt?.(value) ?? null;
  }
}
