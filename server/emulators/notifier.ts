/**
 * How an emulated provider delivers a payment notification: POST it, and
 * when the answer is not the one the provider expects, send it again on the
 * provider's schedule (shortened for tests by EMULATOR_NOTIFY_INTERVAL_MS).
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_RECORDS, pushBounded } from './limits.js';

export interface NotifierOptions {
  /** Where the merchant registered to receive notifications. */
  url: () => string;
  /** Attempts after the first one fails. */
  retries: number;
  intervalMs: number;
  /** Whether the merchant's answer acknowledges the notification. */
  accepted: (status: number, body: string) => boolean;
}

export interface Delivery {
  body: string;
  contentType: string;
}

export interface DeliveryLog {
  url: string;
  attempt: number;
  status: number | null;
  accepted: boolean;
  at: number;
}

export class Notifier {
  /** The latest attempts, for tests and the demo. */
  readonly log: DeliveryLog[] = [];
  private readonly pending = new Set<Promise<boolean>>();

  constructor(private readonly options: NotifierOptions) {}

  /** Starts delivering; resolves true once acknowledged, false when the provider gives up. */
  deliver(delivery: Delivery): Promise<boolean> {
    const run = this.attempts(delivery);
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
    return run;
  }

  /** Waits for every delivery under way (tests). */
  async settled() {
    while (this.pending.size) await Promise.all(this.pending);
  }

  private async attempts(delivery: Delivery): Promise<boolean> {
    for (let attempt = 1; attempt <= this.options.retries + 1; attempt++) {
      if (attempt > 1) await sleep(this.options.intervalMs);
      const url = this.options.url();
      let status: number | null = null;
      let accepted = false;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': delivery.contentType },
          body: delivery.body,
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
        accepted = this.options.accepted(response.status, await response.text());
      } catch {
        // Unreachable or too slow: the provider counts it as a failed attempt.
      }
      pushBounded(this.log, { url, attempt, status, accepted, at: Date.now() }, MAX_RECORDS);
      if (accepted) return true;
    }
    return false;
  }
}
