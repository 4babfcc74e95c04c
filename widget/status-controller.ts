/**
 * Follows one link until it can change no more (paid, expired, cancelled,
 * failed). It polls `GET /api/links/:id`; server-sent events can replace
 * `follow`'s loop without the element noticing, since all it sees is
 * `link` and `onChange`.
 */

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FINAL_STATUSES, type PaymentLink } from '../core/link.js';

const INTERVAL_MS = 2500;
const MAX_BACKOFF_MS = 30_000;

export interface StatusOptions {
  fetchLink: (id: string) => Promise<PaymentLink>;
  /** Called with each new version of the followed link. */
  onChange: (link: PaymentLink, previous: PaymentLink | undefined) => void;
}

export class LinkStatusController implements ReactiveController {
  /** The followed link as last seen; `undefined` before its first answer. */
  link: PaymentLink | undefined;
  private id: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = INTERVAL_MS;
  private readonly onVisible = () => document.visibilityState === 'visible' && this.schedule(0);

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: StatusOptions,
  ) {
    host.addController(this);
  }

  /** Follows the link with `id`; `known` is its current state when the caller has it. */
  follow(id: string, known?: PaymentLink) {
    this.stop();
    this.id = id;
    this.link = known;
    this.delay = INTERVAL_MS;
    this.schedule(known ? INTERVAL_MS : 0);
  }

  stop() {
    clearTimeout(this.timer);
    this.id = this.link = this.timer = undefined;
  }

  get following(): boolean {
    return this.id !== undefined && !(this.link && FINAL_STATUSES.includes(this.link.status));
  }

  hostConnected() {
    document.addEventListener('visibilitychange', this.onVisible);
    this.schedule(this.delay);
  }

  hostDisconnected() {
    document.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.timer);
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    if (this.following) this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll() {
    const id = this.id!;
    try {
      const next = await this.options.fetchLink(id);
      if (id !== this.id) return;
      this.delay = INTERVAL_MS;
      const previous = this.link;
      this.link = next;
      if (JSON.stringify(next) !== JSON.stringify(previous)) {
        this.options.onChange(next, previous);
        this.host.requestUpdate();
      }
    } catch {
      if (id !== this.id) return;
      // Offline or the server is struggling: ask less often, up to every 30 s.
      this.delay = Math.min(this.delay * 2, MAX_BACKOFF_MS);
    }
    this.schedule(this.delay);
  }
}
