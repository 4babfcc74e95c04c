/**
 * The link watcher over a real SQLite store: one read per poll for every
 * watched link whatever the number of streams, changes made behind the
 * instance's back published, unchanged links not, expiry noticed, and no
 * reads while nothing is watched.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LinkChanges } from '../../server/links/changes.js';
import { LinkWatcher, READ_CHUNK } from '../../server/links/watcher.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { LinkChangeFeed, LinkRecord, Store } from '../../server/store/store.js';
import { eventually } from '../support/eventually.js';
import { created, link, T0 } from './store-contract/fixtures.js';

const POLL_MS = 40;
let dir: string;
let store: Store;
/** Another handle on the same file: changes through it are made behind the watcher's back, as by another process. */
let other: Store;
/** The ids of each `getLinks` call. */
let reads: string[][];
let clock = T0;
let watcher: LinkWatcher;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pay-link-watcher-'));
  store = openSqliteStore(join(dir, 'pay-link.sqlite'));
  other = openSqliteStore(join(dir, 'pay-link.sqlite'));
});
afterAll(async () => {
  await store.close();
  await other.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => watcher?.close());

function startWatcher() {
  reads = [];
  const counted = { getLinks: (ids: readonly string[]) => (reads.push([...ids]), store.getLinks(ids)) };
  watcher = new LinkWatcher({ store: counted, changes: new LinkChanges(), pollMs: POLL_MS, now: () => clock });
  return watcher;
}

async function stored(change: Partial<LinkRecord> = {}) {
  const record = link({ state: 'active', url: 'https://pay.example/x', ...change });
  await store.insertLink(record, created);
  return record;
}

/** What each stream heard. */
function follow(watcher: LinkWatcher, record: LinkRecord) {
  const heard: LinkRecord[] = [];
  const stop = watcher.watch(record, (version) => heard.push(version));
  return { heard, stop };
}

describe('the link watcher', () => {
  it('reads every watched link in one query per poll, however many streams follow them', async () => {
    const watcher = startWatcher();
    const records = await Promise.all(Array.from({ length: 50 }, () => stored()));
    // Two streams on each link.
    const ids = new Set(records.map((record) => record.id));
    const streams = records.flatMap((record) => [follow(watcher, record), follow(watcher, record)]);
    // The hundred new streams start with one read together.
    await sleep(5);
    expect(reads.map((read) => new Set(read))).toEqual([ids]);

    reads = [];
    await sleep(POLL_MS * 5.5);
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.length).toBeLessThanOrEqual(7);
    for (const read of reads) expect(read.length === ids.size && new Set(read)).toEqual(ids);
    streams.forEach((stream) => stream.stop());
  });

  it(`reads many watched links ${READ_CHUNK} to a query`, async () => {
    const watcher = startWatcher();
    // Links the store does not hold are asked for all the same.
    const streams = Array.from({ length: 2 * READ_CHUNK + 100 }, () => follow(watcher, link()));
    // Two polls' reads: the first when the streams start, the next a poll later (however busy the machine is).
    await eventually(async () => reads.length, (count) => count >= 6, POLL_MS * 6);
    expect(reads.slice(0, 6).map((ids) => ids.length)).toEqual([READ_CHUNK, READ_CHUNK, 100, READ_CHUNK, READ_CHUNK, 100]);
    streams.forEach((stream) => stream.stop());
  });

  it('publishes a change made behind its back to every stream of that link, and nothing for links that did not change', async () => {
    const watcher = startWatcher();
    const [paidLater, unchanged] = [await stored(), await stored()];
    const streams = [follow(watcher, paidLater), follow(watcher, paidLater), follow(watcher, unchanged)];
    await sleep(POLL_MS * 2);
    const heardBefore = streams.map((stream) => stream.heard.length);
    await other.updateLink(paidLater.id, { state: 'paid', paidAt: clock, updatedAt: clock + 1 }, { type: 'paid', actor: 'webhook:kicc' }, ['active']);

    await eventually(async () => streams[1]!.heard.at(-1)?.state, (state) => state === 'paid', POLL_MS * 10);
    await sleep(POLL_MS * 3);
    expect(streams.map((stream) => stream.heard.slice(heardBefore[streams.indexOf(stream)]!).map((version) => version.state))).toEqual([['paid'], ['paid'], []]);
    streams.forEach((stream) => stream.stop());
  });

  it('gives a new stream the link as it is now, even if it changed since the stream read it', async () => {
    const watcher = startWatcher();
    const record = await stored();
    await other.updateLink(record.id, { openedAt: clock, updatedAt: clock + 2 }, { type: 'opened', actor: 'customer' });
    const stream = follow(watcher, record);
    await eventually(async () => stream.heard.length, (count) => count > 0, POLL_MS / 2);
    expect(stream.heard.map((version) => version.openedAt)).toEqual([clock]);
    stream.stop();
  });

  it('gives a stream joining a followed link its own read: the streams already there hear nothing new', async () => {
    const watcher = startWatcher();
    const record = await stored();
    const first = follow(watcher, record);
    await eventually(async () => first.heard.length, (count) => count === 1, POLL_MS / 2);
    // Many join at once, then one more: each hears the link once; the first hears no republication of it.
    const joined = Array.from({ length: 100 }, () => follow(watcher, record));
    await eventually(async () => joined.every((stream) => stream.heard.length === 1), (all) => all, POLL_MS / 2);
    const late = follow(watcher, record);
    await eventually(async () => late.heard.length, (count) => count === 1, POLL_MS / 2);
    expect(first.heard).toHaveLength(1);
    expect(joined.map((stream) => stream.heard.length)).toEqual(joined.map(() => 1));

    // A change still reaches every one of them.
    await other.updateLink(record.id, { openedAt: clock, updatedAt: clock + 3 }, { type: 'opened', actor: 'customer' });
    await eventually(async () => [first, late, ...joined].every((stream) => stream.heard.at(-1)?.openedAt === clock), (all) => all, POLL_MS * 10);
    expect([first, late, ...joined].map((stream) => stream.heard.length)).toEqual([2, 2, ...joined.map(() => 2)]);
    [first, late, ...joined].forEach((stream) => stream.stop());
  });

  it('publishes a link the clock has expired, though its record did not change', async () => {
    const watcher = startWatcher();
    const record = await stored({ expiresAt: clock + 60_000 });
    const stream = follow(watcher, record);
    await sleep(POLL_MS * 3);
    const before = stream.heard.length;
    clock += 61_000;
    await eventually(async () => stream.heard.length, (count) => count > before, POLL_MS * 10);
    expect(stream.heard.slice(before)).toEqual([record]);
    stream.stop();
  });

  it('stops reading once the last stream stops', async () => {
    const watcher = startWatcher();
    const stream = follow(watcher, await stored());
    await sleep(POLL_MS * 2);
    stream.stop();
    expect(watcher.size).toBe(0);
    const count = reads.length;
    await sleep(POLL_MS * 4);
    expect(reads.length).toBe(count);
  });
});

describe('streams of every link', () => {
  /** A change feed as PostgreSQL's LISTEN/NOTIFY gives one: told of other instances' changes by id. */
  let feed: LinkChangeFeed | undefined;
  let changes: LinkChanges;
  /** Makes a read wait for `release`, so a test can publish while it is under way. */
  let hold: Promise<void> | undefined;

  function startFeedWatcher() {
    reads = [];
    feed = undefined;
    changes = new LinkChanges();
    const counted = {
      getLinks: async (ids: readonly string[]) => {
        reads.push([...ids]);
        const read = await store.getLinks(ids);
        await hold;
        return read;
      },
      watchLinkChanges: (given: LinkChangeFeed) => ((feed = given), () => (feed = undefined)),
    };
    watcher = new LinkWatcher({ store: counted, changes, pollMs: POLL_MS, now: () => clock });
    return watcher;
  }

  it('hear a link no stream follows when another instance changes it, and nothing while none is open', async () => {
    const watcher = startFeedWatcher();
    const record = await stored();
    const heard: LinkRecord[] = [];
    const stop = watcher.watchAll((version) => heard.push(version));
    await other.updateLink(record.id, { openedAt: clock, updatedAt: clock + 3 }, { type: 'opened', actor: 'customer' });
    feed!.changed(record.id);
    await eventually(async () => heard.length, (count) => count > 0, POLL_MS * 5);
    expect(heard.map((version) => [version.id, version.openedAt])).toEqual([[record.id, clock]]);
    // No poll for them: there is nothing to poll.
    await sleep(POLL_MS * 3);
    expect(reads).toEqual([[record.id]]);

    stop();
    feed!.changed(record.id);
    await sleep(POLL_MS * 2);
    expect(reads).toHaveLength(1);
  });

  it('drop a read that a newer version overtook, and are told to read afresh when the feed missed changes', async () => {
    const watcher = startFeedWatcher();
    const record = await stored();
    const heard: LinkRecord[] = [];
    const missed: number[] = [];
    const stop = watcher.watchAll((version) => heard.push(version));
    const stopMissed = changes.onMissed(() => missed.push(1));
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    feed!.changed(record.id);
    await eventually(async () => reads.length, (count) => count === 1, POLL_MS * 5);
    // While that read waits, this instance pays the link and publishes it.
    const paid = { ...record, state: 'paid' as const, paidAt: clock };
    changes.publish(paid);
    release();
    hold = undefined;
    await sleep(POLL_MS);
    expect(heard).toEqual([paid]);

    feed!.resumed();
    expect(missed).toEqual([1]);
    stop();
    stopMissed();
  });
});
