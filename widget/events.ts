/**
 * The elements' events: one `pay-link-` prefix, bubbling out of the shadow
 * root (`composed`), with a typed `detail`. Declared in HTMLElementEventMap so
 * `element.addEventListener('pay-link-paid', (event) => event.detail.link)`
 * is typed for merchants' code. `<pay-link-request>` fires the first set,
 * `<pay-link-list>` the second.
 */

import type { PaymentLink } from '../core/link.js';

export interface PayLinkEventDetails {
  /** The provider registered the link; it is on screen. */
  'pay-link-created': { link: PaymentLink };
  /** The customer paid. */
  'pay-link-paid': { link: PaymentLink };
  /** The link can no longer be paid (by the server's word, or its `expiresAt` passed). */
  'pay-link-expired': { link: PaymentLink };
  /** A request failed. `retryable`: the same request may succeed, and the element offers to retry it. */
  'pay-link-error': { code: string; message: string; retryable: boolean };
  'pay-link-copied': { url: string };
  'pay-link-shared': { url: string };
  /** Staff withdrew the link: at the provider, or (`local`) only our short link, where the provider cannot. */
  'pay-link-cancelled': { link: PaymentLink; mode: 'provider' | 'local' };
}

export type PayLinkEventName = keyof PayLinkEventDetails;
export type PayLinkEvent<K extends PayLinkEventName> = CustomEvent<PayLinkEventDetails[K]>;

export interface PayLinkListEventDetails {
  /** A paid link was refunded, `amount` won of it (all of it, or part); `link` as the server answered. */
  'pay-link-refunded': { link: PaymentLink; amount: number };
  /** A link was withdrawn before it was paid (the same event and detail as the form's). */
  'pay-link-cancelled': PayLinkEventDetails['pay-link-cancelled'];
  /** The provider texted the link to the customer again. */
  'pay-link-resent': { link: PaymentLink };
}

export type PayLinkListEventName = keyof PayLinkListEventDetails;
export type PayLinkListEvent<K extends PayLinkListEventName> = CustomEvent<PayLinkListEventDetails[K]>;

declare global {
  interface HTMLElementEventMap {
    'pay-link-created': PayLinkEvent<'pay-link-created'>;
    'pay-link-paid': PayLinkEvent<'pay-link-paid'>;
    'pay-link-expired': PayLinkEvent<'pay-link-expired'>;
    'pay-link-error': PayLinkEvent<'pay-link-error'>;
    'pay-link-copied': PayLinkEvent<'pay-link-copied'>;
    'pay-link-shared': PayLinkEvent<'pay-link-shared'>;
    'pay-link-cancelled': PayLinkEvent<'pay-link-cancelled'>;
    'pay-link-refunded': PayLinkListEvent<'pay-link-refunded'>;
    'pay-link-resent': PayLinkListEvent<'pay-link-resent'>;
  }
}

type AnyEventDetails = PayLinkEventDetails & PayLinkListEventDetails;

export function emit<K extends keyof AnyEventDetails>(target: EventTarget, type: K, detail: AnyEventDetails[K]): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
