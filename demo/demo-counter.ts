/**
 * The counter of /demo: the real /pos page in a frame. Same origin, so the
 * demo listens to the elements' public events on its document (they bubble
 * out of the shadow roots) and sets their public attributes — the gateway,
 * how the link reaches the customer, the language — and nothing inside.
 */

import type { PaymentLink } from '../core/link.js';
import type { DemoLocale } from './demo-texts.js';

/** What the salesperson shows: a QR on KICC or PayWelcome, or KICC texting the link. */
export type Gateway = 'kicc-qr' | 'kicc-sms' | 'paywelcome-qr';

/** The number the texted links go to: the demo's phone. */
const DEMO_PHONE = '01012345678';

export interface CounterEvents {
  created(link: PaymentLink): void;
  paid(link: PaymentLink): void;
  /** Refund was pressed on a row of today's list. */
  refundAsked(): void;
  refunded(link: PaymentLink): void;
}

const linkOf = (event: Event) => (event as CustomEvent<{ link: PaymentLink }>).detail.link;

/** Whether `target` is (inside) an element with the CSS part `refund`: the list's refund action. */
const isRefundAction = (target: EventTarget) =>
  'getAttribute' in target && ((target as Element).getAttribute('part') ?? '').split(/\s+/).includes('refund');

export class Counter {
  private gateway: Gateway = 'kicc-qr';

  constructor(
    private readonly frame: HTMLIFrameElement,
    private readonly locale: DemoLocale,
    private readonly events: CounterEvents,
  ) {
    frame.addEventListener('load', () => this.attach());
    // It may have loaded before this script ran.
    if (frame.contentDocument?.readyState === 'complete' && frame.contentDocument.URL !== 'about:blank') this.attach();
  }

  /** Takes effect on the next request made. */
  choose(gateway: Gateway) {
    this.gateway = gateway;
    this.apply();
  }

  /** Loads the page again — an empty form, and today's list read afresh — and resolves once it has. */
  reload(): Promise<void> {
    const loaded = new Promise<void>((resolve) => this.frame.addEventListener('load', () => resolve(), { once: true }));
    this.frame.contentWindow?.location.reload();
    return loaded;
  }

  private attach() {
    const document = this.frame.contentDocument;
    if (!document) return;
    document.addEventListener('pay-link-created', (event) => this.events.created(linkOf(event)));
    document.addEventListener('pay-link-paid', (event) => this.events.paid(linkOf(event)));
    document.addEventListener('pay-link-refunded', (event) => this.events.refunded(linkOf(event)));
    document.addEventListener('click', (event) => {
      if (event.composedPath().some(isRefundAction)) this.events.refundAsked();
    });
    this.apply();
  }

  private apply() {
    const document = this.frame.contentDocument;
    const request = document?.querySelector('pay-link-request');
    if (!document || !request) return;
    const [provider, delivery] = this.gateway.split('-') as ['kicc' | 'paywelcome', 'qr' | 'sms'];
    request.setAttribute('provider', provider);
    // Set, never removed: a removed attribute would leave the last value in the form.
    request.setAttribute('delivery', delivery === 'sms' ? 'provider-sms' : 'none');
    request.setAttribute('phone', delivery === 'sms' ? DEMO_PHONE : '');
    for (const element of document.querySelectorAll('pay-link-request, pay-link-list')) element.setAttribute('lang', this.locale);
  }
}
