/**
 * Group commit for the SQLite store. A commit costs an fsync (`synchronous=FULL`),
 * and better-sqlite3 waits for it on the event loop: one commit per write caps the
 * server at a few hundred writes a second. Here the writes that arrive together —
 * in one turn of the event loop — share one IMMEDIATE transaction and so one fsync.
 * Each write runs at once, in a savepoint when it is a transaction function (a
 * failing one undoes only itself), and is answered after the shared commit, never
 * before: what a client is told has reached the disk, as with a commit of its own.
 * A read made while such a transaction is open sees its writes, so it is answered
 * after that commit too. If the commit fails, every write in it fails.
 */

import type Database from 'better-sqlite3';

interface Waiting {
  settle: () => void;
  fail: (error: unknown) => void;
}

export interface GroupCommit {
  /**
   * Runs `work` in the open transaction (opening one); answers once that transaction committed.
   * `early`: results that are a go-ahead nobody outside this process sees, answered at once:
   * what the caller writes next joins the same transaction (or a later one, which commits
   * after it), so it is durable by the time anything that follows from it is told.
   */
  write<T>(work: () => T, early?: (result: T) => boolean): Promise<T>;
  /** Runs `work` now; answers once the writes it may have seen committed. */
  read<T>(work: () => T): Promise<T>;
  /** Commits what is open, now (before the database closes). */
  flush(): void;
}

/**
 * The flushes of every store of this process with a transaction open. Another
 * connection's BEGIN IMMEDIATE would wait, blocking the event loop, for a commit
 * that only this event loop can make: those are committed first.
 */
const openHere = new Set<() => void>();

export function sqliteGroupCommit(db: Database.Database): GroupCommit {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  let waiting: Waiting[] | undefined;

  const fail = (batch: Waiting[], error: unknown) => {
    if (db.inTransaction) rollback.run();
    for (const write of batch) write.fail(error);
  };

  const flush = () => {
    const batch = waiting;
    if (!batch) return;
    waiting = undefined;
    openHere.delete(flush);
    try {
      commit.run();
    } catch (error) {
      fail(batch, error);
      return;
    }
    for (const write of batch) write.settle();
  };

  const open = () => {
    // An error such as a full disk can end the transaction under its writes: they fail, and none is told otherwise.
    if (waiting && !db.inTransaction) {
      const lost = waiting;
      waiting = undefined;
      openHere.delete(flush);
      fail(lost, new Error('the SQLite transaction ended before its commit'));
    }
    if (waiting) return;
    for (const other of [...openHere]) other();
    begin.run();
    waiting = [];
    openHere.add(flush);
    // After this turn's I/O callbacks: the requests that arrived with this one write too.
    setImmediate(flush);
  };

  const answerAfterCommit = <T>(work: () => T, early?: (result: T) => boolean): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let outcome: { ok: true; value: T } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, value: work() };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (outcome.ok && early?.(outcome.value)) return resolve(outcome.value);
      waiting!.push({
        settle: () => (outcome.ok ? resolve(outcome.value) : reject(outcome.error)),
        fail: (error) => reject(outcome.ok ? error : outcome.error),
      });
    });

  return {
    write(work, early) {
      try {
        open();
      } catch (error) {
        return Promise.reject(error);
      }
      return answerAfterCommit(work, early);
    },
    read(work) {
      if (!waiting) {
        try {
          return Promise.resolve(work());
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return answerAfterCommit(work);
    },
    flush,
  };
}
