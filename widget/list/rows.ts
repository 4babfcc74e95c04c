/**
 * What a row of the list is and may do, from its link and the clock: no DOM,
 * no Lit. Refunds come later on the server; a link that says it was refunded
 * (`partially_refunded` / `refunded`, `refundedAmount`) is shown as such
 * already.
 */

import { kstDate } from '../../core/kst.js';
import type { LinkStatus, PaymentLink } from '../../core/link.js';
import { formatWonIn } from '../../core/money.js';
import { maskPhone } from '../../core/phone.js';
import { profileOf } from '../../core/providers.js';
import type { RowState } from './messages/index.js';

/** A link as the list may get it: with refund fields once the server records refunds. */
export type ListedLink = Omit<PaymentLink, 'status'> & {
  status: LinkStatus | 'partially_refunded' | 'refunded';
  /** Won refunded so far. */
  refundedAmount?: number;
};

export type RowAction = 'qr' | 'copy' | 'resend' | 'cancel' | 'refund' | 'request-again';

const PROVIDER_NAMES: Record<string, string> = { kicc: 'KICC', paywelcome: 'PayWelcome' };

export const providerName = (id: string) => PROVIDER_NAMES[id] ?? id;

/** The badge: an active link past its `expiresAt` is expired by the clock, before the server says so. */
export function rowState(link: ListedLink, now: number): RowState {
  switch (link.status) {
    case 'active':
      if (link.expiresAt && Date.parse(link.expiresAt) <= now) return 'expired';
      return link.openedAt ? 'opened' : 'waiting';
    case 'unknown':
      return 'checking';
    default:
      return link.status;
  }
}

/** Won of a paid link that may still be refunded. */
export const refundable = (link: ListedLink) => link.amount - (link.refundedAmount ?? 0);

/** The actions that make sense in the row's state, in the order they are shown. */
export function actionsOf(link: ListedLink, state: RowState): RowAction[] {
  switch (state) {
    case 'waiting':
    case 'opened': {
      const actions: RowAction[] = link.shortUrl ?? link.url ? ['qr', 'copy'] : [];
      if (link.delivery === 'provider-sms' && profileOf(link.provider)?.resends) actions.push('resend');
      return [...actions, 'cancel'];
    }
    case 'paid':
    case 'partially_refunded':
      return refundable(link) > 0 ? ['refund'] : [];
    case 'expired':
    case 'cancelled':
    case 'failed':
      return ['request-again'];
    default:
      return [];
  }
}

/** The customer's number as staff see it in a list: masked, whether or not the server showed it in full. */
export function shownPhone(link: ListedLink): string | undefined {
  const phone = link.customer.phone;
  if (!phone) return undefined;
  return phone.includes('*') ? phone : maskPhone(phone);
}

/** Newest first, as the server pages them: by creation, then id. */
export function newestFirst(a: ListedLink, b: ListedLink): number {
  return b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Whether `link` belongs on today's list (Korea time, by the browser's clock). */
export const madeToday = (link: ListedLink, now: number) => kstDate(Date.parse(link.createdAt)) === kstDate(now);

/** "3분 전", "2 hours ago"; under a minute, "방금". */
export function ago(iso: string, now: number, locale: string, justNow: string): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 60) return justNow;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute');
  return format.format(-Math.floor(seconds / 3600), 'hour');
}

/** An amount as the page's language writes it: "12,000원" in Korean, "₩12,000" in English. */
export const wonIn = (locale: string, won: number) => formatWonIn(won, locale === 'en' ? 'en' : 'ko');
