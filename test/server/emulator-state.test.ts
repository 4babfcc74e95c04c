/**
 * What the emulators keep, in this process (state.ts): the same records
 * contract as the stores' table, and a change that another instance's
 * change overtook is made again on what that one left.
 */

import { describe, expect, it } from 'vitest';
import { memoryRecords, StateTable } from '../../server/emulators/state.js';
import { emulatorRecordsBehaviour } from './store-contract/emulator-records.js';

describe('the emulators’ records in memory', () => {
  const records = memoryRecords();
  emulatorRecordsBehaviour(async () => records);
});

describe('a state table', () => {
  interface Link {
    state: 'active' | 'paid' | 'cancelled';
    phone: string;
  }
  const table = () => new StateTable<Link>(memoryRecords(), { emulator: 'kicc', kind: 'registrations' });

  it('makes a change again on the record as another change left it, and never undoes that one', async () => {
    const records = memoryRecords();
    const registrations = { emulator: 'kicc', kind: 'registrations' };
    const links = new StateTable<Link>(records, registrations);
    await links.add('P1', { state: 'active', phone: '01012345678' });
    let calls = 0;
    const result = await links.update('P1', (current) => {
      // The first time, another instance changes the number between this read and this write.
      if (++calls === 1) void records.replace(registrations, 'P1', JSON.stringify(current), JSON.stringify({ ...current, phone: '01099998888' }), null);
      return { ...current, state: 'paid' };
    });
    expect(calls).toBe(2);
    expect(result).toEqual({ value: { state: 'paid', phone: '01099998888' }, changed: true });
    expect(await links.get('P1')).toEqual({ state: 'paid', phone: '01099998888' });
  });

  it('leaves a record that the change declines, and says there is none for a missing key', async () => {
    const links = table();
    await links.add('P1', { state: 'cancelled', phone: '01012345678' });
    const pay = (current: Link) => (current.state === 'active' ? { ...current, state: 'paid' as const } : undefined);
    expect(await links.update('P1', pay)).toEqual({ value: { state: 'cancelled', phone: '01012345678' }, changed: false });
    expect(await links.update('P2', pay)).toBeUndefined();
  });

  it('lets an evicted record’s dependants go: the bound calls onEvict with it', async () => {
    const evicted: string[] = [];
    const links = new StateTable<Link>(memoryRecords(), { emulator: 'kicc', kind: 'registrations' }, {
      max: 1,
      endsAt: (link) => (link.state === 'active' ? null : 0),
      onEvict: async (key) => void evicted.push(key),
    });
    await links.add('P1', { state: 'active', phone: '1' });
    await links.add('P2', { state: 'active', phone: '2' });
    expect(evicted).toEqual(['P1']);
    expect(await links.values()).toEqual([{ state: 'active', phone: '2' }]);
  });
});
