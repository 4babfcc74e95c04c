/**
 * Follows one link until it can change no more (paid, expired, cancelled,
 * failed): pushed by server-sent events while the stream holds, read with
 * `GET /api/links/:id` when it drops. A read that succeeds opens the stream
 * again, so a server back from an outage pushes again at once; a read that
 * fails means the server is out of reach, and `connection` says so until it
 * is back. The element sees `link`, `connection` and `onChange`, whichever
 * way a change came.
 */

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FINAL_STATUSES, type PaymentLink } from '../core/link.js';

/** Reads while the stream is unavailable but the server answers. */
const INTERVAL_MS = 2500;
/**
 * While the server is out of reach: ask every second for the first minute
 * (a refused connection costs it nothing, and "Paid" then shows within a
 * second or two of its return), then every five.
 */
const RECONNECT_MS = 1000;
const FAST_RECONNECT_FOR_MS = 60_000;
const SLOW_RECONNECT_MS = 5000;
/** A stream refused twice in a row (a proxy that buffers it, a cap on streams) is tried again this much later. */
const STREAM_REFUSED_WAIT_MS = 30_000;

/** `live`: the stream is open; `polling`: the server answers but the stream is not open; `reconnecting`: the server is out of reach. */
export type Connection = 'live' | 'polling' | 'reconnecting';

export interface StatusOptions {
  fetchLink: (id: string) => Promise<PaymentLink>;
  /** The link's event stream; reads only when absent. */
  eventsUrl?: (id: string) => string;
  /** Called with each new version of the followed link. */
  onChange: (link: PaymentLink, previous: PaymentLink | undefined) => void;
}

export class LinkStatusController implements ReactiveController {
  /** The followed link as last seen; `undefined` before its first answer. */
  link: PaymentLink | undefined;
  connection: Connection = 'polling';
  private id: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stream: EventSource | undefined;
  /** When the server was last found out of reach, while it still is. */
  private outageSince: number | undefined;
  /** Streams in a row that failed before they opened. */
  private refusedStreams = 0;
  private streamAgainAt = 0;
  private readonly onVisible = () => document.visibilityState === 'visible' && !this.stream && this.schedule(0);
  private readonly onOnline = () => this.connection === 'reconnecting' && this.schedule(0);

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
    this.refusedStreams = 0;
    this.streamAgainAt = 0;
    if (!this.listen()) this.schedule(known ? INTERVAL_MS : 0);
  }

  /** A newer version of the link the caller got itself (the answer to a cancel, say). */
  accept(link: PaymentLink) {
    if (this.id === link.id) this.apply(link.id, link);
  }

  stop() {
    clearTimeout(this.timer);
    this.close();
    this.id = this.link = this.timer = this.outageSince = undefined;
    this.connection = 'polling';
  }

  get following(): boolean {
    return this.id !== undefined && !(this.link && FINAL_STATUSES.includes(this.link.status));
  }

  hostConnected() {
    document.addEventListener('visibilitychange', this.onVisible);
    addEventListener('online', this.onOnline);
    if (!this.listen()) this.schedule(0);
  }

  hostDisconnected() {
    document.removeEventListener('visibilitychange', this.onVisible);
    removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
    this.close();
  }

  /** Opens the link's event stream; false when there is none to open (now). */
  private listen(): boolean {
    const { eventsUrl } = this.options;
    if (!this.following || !eventsUrl || typeof EventSource === 'undefined' || Date.now() < this.streamAgainAt) return false;
    if (this.stream) return true;
    const id = this.id!;
    const stream = (this.stream = new EventSource(eventsUrl(id)));
    let opened = false;
    stream.onopen = () => {
      opened = true;
      this.refusedStreams = 0;
      this.setConnection('live');
    };
    stream.addEventListener('link', (event) => this.apply(id, JSON.parse((event as MessageEvent<string>).data) as PaymentLink));
    // The stream dropped (a proxy, a restart, a network change) or was refused: a read tells which, at once.
    stream.onerror = () => {
      if (stream !== this.stream) return;
      this.close();
      if (!opened && ++this.refusedStreams >= 2) this.streamAgainAt = Date.now() + STREAM_REFUSED_WAIT_MS;
      if (this.connection === 'live') this.setConnection('polling');
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

  private setConnection(connection: Connection) {
    if (connection === this.connection) return;
    this.connection = connection;
    this.host.requestUpdate();
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    if (this.following) this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll() {
    const id = this.id!;
    if (this.stream) return; // the stream reopened meanwhile
    try {
      const next = await this.options.fetchLink(id);
      if (id !== this.id) return;
      this.outageSince = undefined;
      this.setConnection('polling');
      this.apply(id, next);
      // The server is there: back to being told, rather than asking.
      if (!this.listen()) this.schedule(INTERVAL_MS);
    } catch (error) {
      if (id !== this.id) return;
      this.outageSince ??= Date.now();
      this.setConnection('reconnecting');
      const retryAfter = ((error as { options?: { retryAfter?: number } }).options?.retryAfter ?? 0) * 1000;
      const soon = Date.now() - this.outageSince < FAST_RECONNECT_FOR_MS ? RECONNECT_MS : SLOW_RECONNECT_MS;
      this.schedule(Math.max(soon, retryAfter));
    }
  }
}
