/**
 * Live changes for the whole list on one connection: `GET /api/links/events`,
 * opened with a minute-long ticket when the element has a token (EventSource
 * cannot send it). `ready` and `resync` ask for the list to be read again
 * (nothing between the last read and the stream is missed); `link` is one
 * link's new version. When the stream drops, a fresh ticket reopens it,
 * waiting longer each time; meanwhile, and where there is no EventSource, the
 * list is read every few seconds instead.
 */

import { ApiFailure } from '../api.js';
import type { ListApi } from './list-api.js';
import type { ListedLink } from './rows.js';

const POLL_MS = 10_000;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

export interface FeedOptions {
  api: () => ListApi;
  /** With a token the stream needs a ticket; in open mode it does not. */
  hasToken: () => boolean;
  onLink: (link: ListedLink) => void;
  /** Read the list again. */
  onSync: () => void;
}

export class ListFeed {
  private source: EventSource | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private poller: ReturnType<typeof setInterval> | undefined;
  private retryMs = FIRST_RETRY_MS;
  /** Bumped by every start and stop: what an older one set in motion ends quietly. */
  private generation = 0;

  constructor(private readonly options: FeedOptions) {}

  start() {
    this.stop();
    const generation = this.generation;
    if (typeof EventSource === 'undefined') {
      this.poll(true);
      return;
    }
    void this.open(generation);
  }

  stop() {
    this.generation++;
    this.source?.close();
    this.source = undefined;
    clearTimeout(this.timer);
    this.poll(false);
  }

  private async open(generation: number) {
    let ticket: string | undefined;
    try {
      if (this.options.hasToken()) ticket = (await this.options.api().ticket()).ticket;
    } catch (error) {
      // A token that may not list (or is no longer valid) gets no stream however often it asks; the list says why.
      const status = error instanceof ApiFailure ? error.options.status : undefined;
      return status === 401 || status === 403 ? undefined : this.retry(generation);
    }
    if (generation !== this.generation) return;
    const source = (this.source = new EventSource(this.options.api().listEventsUrl(ticket)));
    source.addEventListener('ready', () => {
      this.retryMs = FIRST_RETRY_MS;
      this.poll(false);
      this.options.onSync();
    });
    source.addEventListener('resync', () => this.options.onSync());
    source.addEventListener('link', (event) => this.options.onLink(JSON.parse((event as MessageEvent<string>).data) as ListedLink));
    // Dropped, refused (a spent ticket, too many streams) or ended with the token: a new ticket, after a while.
    source.onerror = () => {
      source.close();
      if (generation === this.generation) this.retry(generation);
    };
  }

  private retry(generation: number) {
    if (generation !== this.generation) return;
    this.source = undefined;
    this.poll(true);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.open(generation), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private poll(on: boolean) {
    if (!on) {
      clearInterval(this.poller);
      this.poller = undefined;
    } else {
      this.poller ??= setInterval(() => this.options.onSync(), POLL_MS);
    }
  }
}
