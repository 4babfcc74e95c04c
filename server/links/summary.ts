/**
 * A day's totals. The day is the links MADE on it (Korea time): how many were
 * made, how many of those were paid and refunded, for how much, and what
 * stays. So the totals are the sums of the rows a list of that day shows, and
 * a day once over does not change but by a late payment or a refund of its
 * own links. A link that certainly never reached its provider (`failed`) was
 * not made; one whose outcome is unknown was, as far as anyone can tell.
 */

import type { DayTotals } from '../../core/link.js';
import type { ProviderId } from '../../core/providers.js';
import type { LinkRecord } from '../store/store.js';

/** What the totals read of a link. `refundedAmount` is the won refunded so far, once refunds are recorded (0 when absent). */
export type Summarised = Pick<LinkRecord, 'provider' | 'amount' | 'state' | 'paidAt'> & { refundedAmount?: number | null };

const empty = (): DayTotals => ({ made: { count: 0, amount: 0 }, paid: { count: 0, amount: 0 }, refunded: { count: 0, amount: 0 }, net: 0 });

function add(totals: DayTotals, link: Summarised) {
  totals.made.count++;
  totals.made.amount += link.amount;
  // Paid is paid for good: a refund later changes the refunded tally, not this one.
  if (link.paidAt !== null) {
    totals.paid.count++;
    totals.paid.amount += link.amount;
  }
  const refunded = link.refundedAmount ?? 0;
  if (refunded > 0) {
    totals.refunded.count++;
    totals.refunded.amount += refunded;
  }
  totals.net = totals.paid.amount - totals.refunded.amount;
}

export function summarize(links: Iterable<Summarised>): { total: DayTotals; providers: Record<ProviderId, DayTotals> } {
  const total = empty();
  const providers: Record<ProviderId, DayTotals> = {};
  for (const link of links) {
    if (link.state === 'failed') continue;
    add(total, link);
    add((providers[link.provider] ??= empty()), link);
  }
  return { total, providers };
}
