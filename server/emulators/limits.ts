/**
 * Bounds on what a mounted emulator keeps and takes. It runs as long as the
 * server and anyone who reaches it can register links and send requests, so
 * what it remembers is capped and bodies are held to the API's own limit.
 */

import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { API_BODY_LIMIT_BYTES } from '../body-limit.js';

/** Registrations kept; beyond, the oldest ended one goes first (see BoundedMap). */
export const MAX_REGISTRATIONS = 10_000;
/** Requests, texts and notification attempts kept for tests and the demo: the latest ones. */
export const MAX_RECORDS = 1000;

export interface EmulatorLimits {
  registrations?: number;
  records?: number;
}

/**
 * A Map of at most `max` entries. Adding one more evicts the oldest entry
 * that has ended (paid, cancelled, expired: nothing more can happen to it),
 * or the oldest of all when none has. `onEvict` drops what refers to it.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(
    private readonly max: number,
    private readonly ended: (value: V) => boolean,
    private readonly onEvict: (key: K, value: V) => void = () => undefined,
  ) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.evictOne();
    return super.set(key, value);
  }

  private evictOne() {
    // Insertion order is age; the oldest entries are the likeliest to have ended, so the walk is short.
    let victim: [K, V] | undefined;
    for (const entry of this) {
      victim ??= entry;
      if (this.ended(entry[1])) {
        victim = entry;
        break;
      }
    }
    if (!victim) return;
    this.delete(victim[0]);
    this.onEvict(victim[0], victim[1]);
  }
}

/** Appends `item`, keeping only the latest `max`. */
export function pushBounded<T>(list: T[], item: T, max: number) {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

/** Refuses a body over the API's limit, answering `refuse` (the gateway's own error, HTTP 413) before anything reads it. */
export function emulatorBodyLimit(refuse: (c: Context, limit: number) => Response): MiddlewareHandler {
  return bodyLimit({ maxSize: API_BODY_LIMIT_BYTES, onError: (c) => refuse(c, API_BODY_LIMIT_BYTES) });
}
