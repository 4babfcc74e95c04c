/**
 * A merchant's TypeScript against the installed element package's
 * declarations. Not run, only compiled: each `@ts-expect-error` fails the
 * compile if the types it guards have decayed to `any`.
 */

import type { PayLinkEvent } from '@pay-link/element';
import { PayLinkRequest } from '@pay-link/element/pay-link-request';

type PaymentLink = PayLinkEvent<'pay-link-created'>['detail']['link'];

/** The class-only entry: define it under a tag of one's own. */
export function defineOwn(): PayLinkRequest {
  customElements.define('shop-pay-link', class extends PayLinkRequest {});
  const element = new PayLinkRequest();
  element.amount = 15000;
  // @ts-expect-error amount is a number
  element.amount = '15000';
  element.addEventListener('pay-link-created', (event) => {
    const link: PaymentLink = event.detail.link;
    // @ts-expect-error a created event carries the link, not a url
    void event.detail.url;
    console.log(link.shortUrl);
  });
  return element;
}

/** The self-registering entry types the tag for querySelector and createElement. */
export function found(): number | undefined {
  return document.querySelector('pay-link-request')?.amount;
}
