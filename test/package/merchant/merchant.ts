/**
 * A merchant's TypeScript against the installed package's declarations. Not
 * run, only compiled: each `@ts-expect-error` fails the compile if the types
 * it guards have decayed to `any`.
 */

import { createEmulators, type Emulators } from 'pay-link/emulators';
import { createPayLink, createPayLinkClient, mintWidgetToken, unwrap, type PaymentLink } from 'pay-link/server';
import { PayLinkRequest } from 'pay-link/widget/element';

export async function mount() {
  const payLink = await createPayLink(process.env);
  const response: Response = await payLink.app.request('/healthz');
  await payLink.close();
  return response.status;
}

/** A staging server: the emulators from their own entry, as an extension. */
export async function stage() {
  let emulators: Emulators | undefined;
  const payLink = await createPayLink(process.env, { extensions: [(context) => (emulators = createEmulators(context))] });
  // @ts-expect-error the emulators' registrations are read asynchronously
  const count: number = emulators!.kicc.registrations.size();
  await payLink.close();
  return count;
}

export async function charge(): Promise<PaymentLink> {
  const token = mintWidgetToken('a-secret-of-at-least-thirty-two-characters', { exp: Math.floor(Date.now() / 1000) + 600, amount: 15000 });
  const client = createPayLinkClient('https://shop.example/pay-link', { token });
  // @ts-expect-error amount is integer won, not a string
  void client.api.links.$post({ json: { amount: '15000', goodsName: '아메리카노' } });
  const link = await unwrap(client.api.links.$post({ json: { amount: 15000, goodsName: '아메리카노 2잔' } }));
  return link;
}

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
