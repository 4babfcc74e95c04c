/**
 * Keeps the links this instance streams up to date, for all its streams at
 * once: while any stream is open, every `pollMs` it reads every watched link
 * in one query (per `READ_CHUNK` links), and when the store says another instance changed a link
 * (PostgreSQL's LISTEN/NOTIFY) it reads that one at once. What it finds
 * changed goes to LinkChanges, where the streams listen; they never read the
 * store themselves. Changes this instance makes are published by the store
 * wrapper (changes.ts) as they happen; the poll is the backstop for anything
 * missed, and notices a link reaching its expiry.
 *
 * Reads run one at a time, so an older read never overtakes a newer one; a
 * read that a publish overtook is dropped for that link: it may predate it.
 *
 * A stream joining a link is read for at once, in case the link changed since
 * the stream read it; unless that read finds a change, only the joining
 * stream hears it. Publishing it to every stream of the link instead made
 * opening n streams of one link cost n² deliveries.
 *
 * A stream of many links (`watchAll`, a staff member's list) hears every
 * change this instance publishes; while one is open, every link the change
 * feed names is read and published too, watched or not. When the feed says
 * it missed changes, such streams are told to read afresh (`LinkChanges.missed`):
 * there is no list of links to poll for them.
 */

import type { Logger } from '../log.js';
import type { LinkRecord, Store } from '../store/store.js';
import type { LinkChanges } from './changes.js';
import { linkStatus } from './present.js';

/** The backstop: with LISTEN/NOTIFY (or one instance) changes arrive at once, and this only bounds what a lost notification costs. */
export const WATCH_POLL_MS = 5000;
/**
 * Links per query. SQLite reads on the event loop, about 40 µs a link on a
 * small VM: a few hundred at a time keep every other request waiting no more
 * than tens of milliseconds, however many streams are open.
 */
export const READ_CHUNK = 500;

export interface LinkWatcherDeps {
  /** Read from only. */
  store: Pick<Store, 'getLinks' | 'watchLinkChanges'>;
  changes: LinkChanges;
  logger?: Logger;
  pollMs?: number;
  now?: () => number;
}

interface Watched {
  streams: number;
  /** The version last published (or first seen), with the status the clock gives it. */
  seen: string;
  /** Publishes seen so far: a read that started before the last one is stale. */
  publishes: number;
  stopSeeing: () => void;
}

export class LinkWatcher {
  private readonly watched = new Map<string, Watched>();
  /** Links to read next; `true`: publish even if unchanged (a stream that may have missed a publish is waiting). */
  private readonly queued = new Map<string, boolean>();
  /** Streams that joined a link since its last read: they hear the next read even if nothing changed. */
  private readonly joining = new Map<string, Set<(link: LinkRecord) => void>>();
  private reading: Promise<void> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopFeed: (() => void) | undefined;
  private closed = false;
  private readonly now: () => number;
  /** Streams of every link (`watchAll`) open now. */
  private everyLink = 0;
  /** Links no stream watches being read for `watchAll`: `true` once a publish overtook the read. */
  private readonly unwatchedReads = new Map<string, boolean>();

  constructor(private readonly deps: LinkWatcherDeps) {
    this.now = deps.now ?? Date.now;
    deps.changes.subscribeAll((link) => this.unwatchedReads.has(link.id) && this.unwatchedReads.set(link.id, true));
  }

  /** How many links are watched (tests, logs). */
  get size() {
    return this.watched.size;
  }

  /**
   * Follows `link` for one stream: `listener` hears each new version until
   * the returned function is called. The link is read once more right away,
   * in case it changed since the stream read it; `listener` hears that read.
   */
  watch(link: LinkRecord, listener: (link: LinkRecord) => void): () => void {
    let entry = this.watched.get(link.id);
    if (!entry) {
      const created: Watched = { streams: 0, seen: this.fingerprint(link), publishes: 0, stopSeeing: () => undefined };
      created.stopSeeing = this.deps.changes.subscribe(link.id, (published) => {
        created.seen = this.fingerprint(published);
        created.publishes++;
      });
      this.watched.set(link.id, (entry = created));
    }
    entry.streams++;
    const unsubscribe = this.deps.changes.subscribe(link.id, listener);
    this.start();
    let joiners = this.joining.get(link.id);
    if (!joiners) this.joining.set(link.id, (joiners = new Set()));
    joiners.add(listener);
    this.queue([link.id], false);

    const watching = entry;
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      const joiners = this.joining.get(link.id);
      if (joiners?.delete(listener) && joiners.size === 0) this.joining.delete(link.id);
      if (--watching.streams > 0) return;
      watching.stopSeeing();
      this.watched.delete(link.id);
      if (this.watched.size === 0) this.pause();
    };
  }

  /**
   * Follows every link for one stream: `listener` hears each version this
   * instance publishes, and those the change feed names (other instances'
   * changes), until the returned function is called.
   */
  watchAll(listener: (link: LinkRecord) => void): () => void {
    this.everyLink++;
    const unsubscribe = this.deps.changes.subscribeAll(listener);
    this.start();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      this.everyLink--;
    };
  }

  /** Reads link `id` soon and publishes it, changed or not (a stream reached the link's expiry). */
  refresh(id: string) {
    this.queue([id], true);
  }

  /** Stops polling and listening; waits for a read under way, so the store can close after. */
  async close() {
    this.closed = true;
    this.pause();
    this.stopFeed?.();
    this.stopFeed = undefined;
    await this.reading;
  }

  private start() {
    if (this.closed) return;
    this.stopFeed ??= this.deps.store.watchLinkChanges?.({
      changed: (id) => this.wanted(id) && this.queue([id], false),
      resumed: () => {
        this.queue([...this.watched.keys()], false);
        if (this.everyLink) this.deps.changes.missed();
      },
    });
    // The poll reads watched links; streams of every link have none to read.
    if (this.timer || this.watched.size === 0) return;
    this.timer = setInterval(() => this.queue([...this.watched.keys()], false), this.deps.pollMs ?? WATCH_POLL_MS);
    // Streams keep the process alive, not this.
    this.timer.unref();
  }

  /** No stream is open: no polling. The change feed stays connected for the next stream. */
  private pause() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private queue(ids: readonly string[], force: boolean) {
    if (this.closed) return;
    for (const id of ids) this.queued.set(id, force || (this.queued.get(id) ?? false));
    this.reading ??= this.readQueued().finally(() => (this.reading = undefined));
  }

  /** Reads what is queued, in one query per round; what arrives meanwhile waits for the next round. */
  private async readQueued() {
    // What arrives in this turn of the event loop joins the first round.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queued.size && !this.closed) {
      const round = new Map(this.queued);
      this.queued.clear();
      const ids = [...round.keys()].filter((id) => this.wanted(id));
      if (ids.length) await this.read(ids, round);
    }
  }

  private async read(ids: string[], force: Map<string, boolean>) {
    for (let start = 0; start < ids.length && !this.closed; start += READ_CHUNK) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      const chunk = ids.slice(start, start + READ_CHUNK).filter((id) => this.wanted(id));
      const before = new Map(chunk.map((id) => [id, this.watched.get(id)?.publishes]));
      // Streams joining from here on wait for the next read, which their joining queued.
      const joined = new Map(chunk.flatMap((id) => (this.joining.has(id) ? [[id, this.joining.get(id)!] as const] : [])));
      for (const id of joined.keys()) this.joining.delete(id);
      for (const id of chunk) if (!this.watched.has(id)) this.unwatchedReads.set(id, false);
      let links: LinkRecord[] | undefined;
      try {
        links = chunk.length ? await this.deps.store.getLinks(chunk) : [];
      } catch (error) {
        // The streams stay open; the next poll tries again.
        this.deps.logger?.warn({ err: error, links: chunk.length }, 'could not read the links being streamed');
      }
      const overtaken = new Set(chunk.filter((id) => this.unwatchedReads.get(id)));
      for (const id of chunk) this.unwatchedReads.delete(id);
      if (!links) {
        // They hear the next poll's read instead.
        for (const [id, listeners] of joined) for (const listener of listeners) this.joiningAgain(id, listener);
        return;
      }
      for (const link of links) {
        const entry = this.watched.get(link.id);
        if (!entry) {
          // Read for the streams of every link only: nothing to compare with, so any version not overtaken is news.
          if (this.everyLink && !overtaken.has(link.id)) this.deps.changes.publish(link);
          continue;
        }
        // A publish overtook the read: every stream, the joining ones too, heard a version at least as new.
        if (entry.publishes !== before.get(link.id)) continue;
        if (force.get(link.id) || this.fingerprint(link) !== entry.seen) this.deps.changes.publish(link);
        else for (const listener of joined.get(link.id) ?? []) listener(link);
      }
    }
  }

  private joiningAgain(id: string, listener: (link: LinkRecord) => void) {
    if (!this.watched.has(id)) return;
    let joiners = this.joining.get(id);
    if (!joiners) this.joining.set(id, (joiners = new Set()));
    joiners.add(listener);
  }

  /** Whether a change of link `id` is to be read: a stream follows it, or one follows every link. */
  private wanted(id: string) {
    return this.watched.has(id) || this.everyLink > 0;
  }

  private fingerprint(link: LinkRecord) {
    return `${linkStatus(link, this.now())} ${JSON.stringify(link)}`;
  }
}
