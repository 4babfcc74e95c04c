/**
 * A page may load widget.js with a query string (`?v=2`, to bust a cache). The
 * lazy chunks then import widget.js under its plain address, a second copy,
 * which must do no harm: the built bundle, in a page of its own, through the
 * first link. Needs `npm run build` (npm test builds first).
 */

import { expect } from 'chai';
import { endpoint, until } from '../support/widget-harness.js';

it('a page loading widget.js?v=2 makes its first link and shows it as a QR code', async () => {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="ko"><body>
    <pay-link-request endpoint="${endpoint}" provider="kicc" amount="4500" goods-name="아메리카노"></pay-link-request>
    <script type="module" src="${endpoint}/widget.js?v=2"></script></body></html>`;
  document.body.append(frame);
  try {
    const page = frame.contentWindow!;
    const element = await until(() => page.document.querySelector('pay-link-request')?.shadowRoot?.querySelector('form') && page.document.querySelector('pay-link-request')!, 'the built widget to render');
    const created = new Promise<CustomEvent>((resolve) => element.addEventListener('pay-link-created', (event) => resolve(event as CustomEvent), { once: true }));
    element.shadowRoot!.querySelector<HTMLElement>('[part~="submit"]')!.click();
    const { link } = (await created).detail as { link: { amount: number; shortUrl: string } };
    expect(link.amount).to.equal(4500);
    await until(() => element.shadowRoot!.querySelector('svg[part="qr"]'), 'the QR code');
    expect(page.customElements.get('pay-link-request')).to.equal(element.constructor);
  } finally {
    frame.remove();
  }
});
