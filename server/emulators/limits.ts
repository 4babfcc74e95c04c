/**
 * Bounds on what a mounted emulator keeps and takes. It runs as long as the
 * server and anyone who reaches it can register links and send requests, so
 * what it remembers is capped and bodies are held to the API's own limit.
 */

import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { API_BODY_LIMIT_BYTES } from '../body-limit.js';

/** Registrations kept; beyond, the oldest ended one goes first (see state.ts). */
export const MAX_REGISTRATIONS = 10_000;
/** Requests, texts and notification attempts kept for tests and the demo: the latest ones. */
export const MAX_RECORDS = 1000;

export interface EmulatorLimits {
  registrations?: number;
  records?: number;
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
