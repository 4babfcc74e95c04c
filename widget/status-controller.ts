/**
 * Follows one link until it can change no more (paid, expired, cancelled,
 * failed): pushed by server-sent events while the stream holds, polled with
 * `GET /api/links/:id` when it drops or the browser has no EventSource. The
 * element sees only `link` and `onChange`, whichever way a change came.
 */

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FINAL_STATUSES, type PaymentLink } from '../core/link.js';

const INTERVAL_MS = 2500;
const MAX_BACKOFF_MS = 30_000;

export interface StatusOptions {
  fetchLink: (id: string) => Promise<PaymentLink>;
  /** The link's event stream; polling only when absent. */
  eventsUrl?: (id: string) => string;
  /** Called with each new version of the followed link. */
  onChange: (link: PaymentLink, previous: PaymentLink | undefined) => void;
}

export class LinkStatusController implements ReactiveController {
  /** The followed link as last seen; `undefined` before its first answer. */
  link: PaymentLink | undefined;
  private id: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = INTERVAL_MS;
  private stream: EventSource | undefined;
  private readonly onVisible = () => document.visibilityState === 'visible' && !this.stream && this.schedule(0);

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
    if (!this.listen()) this.schedule(known ? INTERVAL_MS : 0);
  }

  stop() {
    clearTimeout(this.timer);
    this.close();
    this.id = this.link = this.timer = undefined;
  }

  get following(): boolean {
    return this.id !== undefined && !(this.link && FINAL_STATUSES.includes(this.link.status));
  }

  hostConnected() {
    document.addEventListener('visibilitychange', this.onVisible);
    if (!this.listen()) this.schedule(this.delay);
  }

  hostDisconnected() {
    document.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.timer);
    this.close();
  }

  /** Opens the link's event stream; false when there is none to open. */
  private listen(): boolean {
    const { eventsUrl } = this.options;
    if (!this.following || !eventsUrl || typeof EventSource === 'undefined') return false;
    if (this.stream) return true;
    const id = this.id!;
    const stream = (this.stream = new EventSource(eventsUrl(id)));
    stream.addEventListener('link', (event) => this.apply(id, JSON.parse((event as MessageEvent<string>).data) as PaymentLink));
    // The stream dropped (a proxy, a restart, a network change): polling takes over.
    stream.onerror = () => {
      this.close();
      this.schedule(0);
    };
    return true;
  }

  private close() {
    this.stream?.close();
    this.stream = undefined;
  }

  private apply(id: string, next: PaymentLink) {
    if (id !== this.id) return;
    const previous = this.link;
    this.link = next;
    if (!this.following) this.close();
    if (JSON.stringify(next) !== JSON.stringify(previous)) {
      this.options.onChange(next, previous);
      this.host.requestUpdate();
    }
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
      this.apply(id, next);
    } catch {
      if (id !== this.id) return;
      // Offline or the server is struggling: ask less often, up to every 30 s.
      this.delay = Math.min(this.delay * 2, MAX_BACKOFF_MS);
    }
    this.schedule(this.delay);
  }
}
