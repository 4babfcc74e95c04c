/**
 * What staff have typed, as the request it becomes, and the providers whose
 * rules it must meet (run by rules.ts, fetched once staff start typing).
 */

import type { CreateLinkRequest, Delivery } from '../core/link.js';
import { parseWon } from '../core/money.js';
import { phoneDigits } from '../core/phone.js';
import { PROVIDER_IDS, PROVIDERS, profileOf, type LimitedField, type ProviderId, type ProviderProfile } from '../core/providers.js';

export interface Draft {
  /** As shown: `12,000`. */
  amount: string;
  goodsName: string;
  /** As shown: `010-1234-5678`. */
  phone: string;
  orderId: string;
  delivery: Delivery;
}

/** Form fields by the API's field names, for placing problems. */
export const FIELD_OF: Record<string, keyof Draft> = {
  amount: 'amount',
  goodsName: 'goodsName',
  'customer.phone': 'phone',
  orderId: 'orderId',
  delivery: 'delivery',
};

export const EMPTY_DRAFT: Draft = { amount: '', goodsName: '', phone: '', orderId: '', delivery: 'none' };

/**
 * The amount as typed, in won: `undefined` while none is typed; `NaN` for a
 * decimal point or an exponent (`12.5`, `1e5`), which the rules refuse
 * rather than read as other digits.
 */
export function amountOf(draft: Pick<Draft, 'amount'>): number | undefined {
  if (/[.eE]/.test(draft.amount)) return NaN;
  return parseWon(draft.amount) ?? undefined;
}

/**
 * The request the draft becomes; `amount` is missing while none is typed (a
 * problem, not a zero). An empty product name takes `defaultGoodsName`.
 */
export function toRequest(draft: Draft, provider: ProviderId | undefined, defaultGoodsName = ''): Partial<CreateLinkRequest> {
  const amount = amountOf(draft);
  const phone = phoneDigits(draft.phone);
  const orderId = draft.orderId.trim();
  return {
    ...(provider && { provider }),
    ...(amount !== undefined && { amount }),
    goodsName: draft.goodsName.trim() || defaultGoodsName.trim(),
    ...(orderId && { orderId }),
    ...(phone && { customer: { phone } }),
    ...(draft.delivery === 'provider-sms' && canText(provider) && { delivery: 'provider-sms' as const }),
  };
}

/**
 * The rules a request must meet: the chosen provider's, or every built-in
 * provider's when the server picks (it may fail over from one to another).
 * A provider only the server knows brings no rules here; the server checks it.
 */
export const profilesFor = (provider: ProviderId | undefined): (ProviderProfile | undefined)[] =>
  provider ? [profileOf(provider)] : PROVIDER_IDS.map((id) => PROVIDERS[id]);

/** The byte limit staff see for a field: the chosen provider's, or the smallest of all. */
export function byteLimit(field: LimitedField, provider: ProviderId | undefined): number {
  return Math.min(...profilesFor(provider).map((profile) => profile?.limits[field] ?? Infinity));
}

/** Whether the provider texts links itself (never assumed when the server picks the provider). */
export const canText = (provider: ProviderId | undefined): boolean => profileOf(provider)?.sendsSms ?? false;
