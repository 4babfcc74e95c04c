/** The day's links as a list and as totals: `GET /api/links` and `GET /api/summary`. */

import type { LinkStatus } from '../../core/link.js';
import type { LinkRecord, Store } from '../store/store.js';
import { encodeCursor, type ListPosition } from './cursor.js';
import { summarize } from './summary.js';

/** Links read per query while totalling a day. */
const SUMMARY_PAGE = 1000;

export interface PageRequest {
  /** Epoch ms: made at or after. */
  from: number;
  /** Epoch ms: made before; no bound when absent. */
  to?: number;
  statuses?: readonly LinkStatus[];
  limit: number;
  after?: ListPosition;
  /** Only the links of this widget-token `sub` (staff); every link when absent (merchant). */
  owner?: string;
}

export class LinkListing {
  private readonly now: () => number;

  constructor(private readonly deps: { store: Pick<Store, 'pageLinks'>; now?: () => number }) {
    this.now = deps.now ?? Date.now;
  }

  /** One page, newest first, and the cursor of the next when there is one. */
  async page({ from, to, statuses, limit, after, owner }: PageRequest): Promise<{ links: LinkRecord[]; nextCursor: string | null }> {
    // One more than asked says whether another page follows.
    const links = await this.deps.store.pageLinks({ createdFrom: from, createdBefore: to, statuses, owner, after, now: this.now(), limit: limit + 1 });
    if (links.length <= limit) return { links, nextCursor: null };
    const shown = links.slice(0, limit);
    return { links: shown, nextCursor: encodeCursor(shown.at(-1)!) };
  }

  /** The totals of the links made from `start` to `end` (epoch ms), of `owner` or of everyone. */
  async summary({ start, end }: { start: number; end: number }, owner?: string) {
    const links: LinkRecord[] = [];
    for (let after: ListPosition | undefined; ; ) {
      const page = await this.deps.store.pageLinks({ createdFrom: start, createdBefore: end, owner, after, now: this.now(), limit: SUMMARY_PAGE });
      links.push(...page);
      if (page.length < SUMMARY_PAGE) break;
      after = page.at(-1)!;
    }
    return summarize(links);
  }
}
