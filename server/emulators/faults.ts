/**
 * Fault modes for the emulators, so every failure path of the adapters is
 * exercised over real HTTP. Set per test with `faults.set(...)`, or over HTTP
 * with `POST {emulator}/_faults {"mode":"http500","times":1}`.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage } from 'node:http';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';

export type FaultMode =
  /** Answer correctly, after `delayMs`. */
  | 'slow'
  /** Process the request, then hold the answer for `delayMs` (default 60 s): the caller cannot know. */
  | 'timeout'
  /** Answer 503 without processing. */
  | 'http500'
  /** Process the request, then answer 200 with a body no parser reads. */
  | 'garbage'
  /** Drop the connection without processing or answering. */
  | 'reset'
  /** Refuse without processing, in the gateway's own format, naming itself as down for maintenance. */
  | 'maintenance';

const FAULT_MODES = ['slow', 'timeout', 'http500', 'garbage', 'reset', 'maintenance'] as const satisfies readonly FaultMode[];

/** What a gateway's refusal says when it is down for maintenance ("the system is under maintenance"). */
export const MAINTENANCE_MESSAGE = '시스템 점검 중입니다';

export interface Fault {
  mode: FaultMode;
  /** How many requests the fault applies to; all of them when absent. */
  times?: number;
  delayMs?: number;
}

export class Faults {
  private current: Fault | undefined;
  /** Requests that reached the emulator's API, faulty or not (tests count provider calls with it). */
  calls = 0;

  /** `maintenance`: the emulator's answer, a business refusal in its gateway's format. */
  constructor(private readonly maintenance: (c: Context) => Response) {}

  set(fault: Fault | undefined) {
    this.current = fault;
  }

  /** The fault for the request now arriving, if any, counting it down. */
  take(): Fault | undefined {
    const fault = this.current;
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      if (fault.times <= 1) this.current = undefined;
      else this.current = { ...fault, times: fault.times - 1 };
    }
    return fault;
  }

  /** Middleware for an emulator's API routes. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      this.calls++;
      const fault = this.take();
      if (!fault) return next();
      switch (fault.mode) {
        case 'slow':
          await sleep(fault.delayMs ?? 2000);
          return next();
        case 'timeout':
          await next();
          await sleep(fault.delayMs ?? 60_000);
          return;
        case 'http500':
          return c.text('Service Unavailable', 503);
        case 'garbage':
          await next();
          c.res = new Response('<html><body>502 Bad Gateway</body>', { status: 200, headers: { 'content-type': 'text/html' } });
          return;
        case 'reset': {
          const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
          incoming?.socket.destroy();
          return c.text('', 500);
        }
        case 'maintenance':
          return this.maintenance(c);
      }
    };
  }
}

const faultSchema = z.union([
  z.strictObject({ mode: z.enum(FAULT_MODES), times: z.int().positive().optional(), delayMs: z.int().nonnegative().optional() }),
  // `{}` clears the fault.
  z.strictObject({}).transform(() => undefined),
]);

/** `POST /_faults`: sets the emulator's fault over HTTP (browser tests, the demo). */
export function faultRoutes(faults: Faults) {
  return new Hono().post('/_faults', async (c) => {
    const fault = faultSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!fault.success) return c.json({ error: `expected {"mode":"${FAULT_MODES.join('|')}","times"?,"delayMs"?} or {}` }, 400);
    faults.set(fault.data);
    return c.json({ fault: fault.data ?? null });
  });
}
