/** The list's calls to the backend, on top of the form's (api.ts): same errors, timeouts, language and token. */

import type { LinkPage, LinkSummary, StreamTicket } from '../../core/link.js';
import { LinkApi } from '../api.js';
import type { ListedLink } from './rows.js';

export class ListApi extends LinkApi {
  /** `GET /api/links`: today's links (Korea time, the server's clock), newest first. */
  list({ limit, cursor }: { limit: number; cursor?: string }): Promise<LinkPage & { data: ListedLink[] }> {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return this.call('GET', `/api/links?${query}`);
  }

  /** `GET /api/summary`: today's totals. */
  summary(): Promise<LinkSummary> {
    return this.call('GET', '/api/summary');
  }

  /** A minute-long ticket for the stream: EventSource cannot send the token. */
  ticket(): Promise<StreamTicket> {
    return this.call('POST', '/api/links/events/ticket', {});
  }

  /** `GET /api/links/events`, with the ticket when the element has a token. */
  listEventsUrl(ticket?: string): string {
    return `${this.options.endpoint.replace(/\/+$/, '')}/api/links/events${ticket ? `?ticket=${encodeURIComponent(ticket)}` : ''}`;
  }

  /** `amount` won of a paid link, or all of it when absent; the key makes a retry refund once. */
  refund(id: string, amount: number | undefined, idempotencyKey: string): Promise<ListedLink> {
    return this.call('POST', `/api/links/${encodeURIComponent(id)}/refund`, amount === undefined ? {} : { amount }, { 'idempotency-key': idempotencyKey });
  }
}
