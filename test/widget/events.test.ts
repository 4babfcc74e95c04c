/** Every event reaches the page: bubbling out of the shadow root, with its detail. */

import FakeTimers from '@sinonjs/fake-timers';
import { expect } from 'chai';
import type { PayLinkEventName } from '../../widget/events.js';
import { $, createLink, fill, mount, nextEvent, server, unmountAll, until } from '../support/widget-harness.js';

const NAMES: PayLinkEventName[] = ['pay-link-created', 'pay-link-paid', 'pay-link-expired', 'pay-link-error', 'pay-link-copied', 'pay-link-shared'];

/** Every pay-link event that reached `document`, in order. */
function listen() {
  const seen: { type: string; detail: unknown; target: EventTarget | null }[] = [];
  const record = (event: Event) => seen.push({ type: event.type, detail: (event as CustomEvent).detail, target: event.target });
  NAMES.forEach((name) => document.addEventListener(name, record));
  return { seen, stop: () => NAMES.forEach((name) => document.removeEventListener(name, record)) };
}

afterEach(async () => {
  unmountAll();
  await server.offline(false);
});

it('error, created, copied, shared and paid reach the page with their details', async () => {
  await server.grantClipboard();
  // Chromium on Linux has no Web Share: stand in for the system sheet.
  Object.defineProperty(navigator, 'share', { configurable: true, value: async () => {} });
  const events = listen();
  try {
    const element = await mount({ provider: 'kicc' });
    await fill(element, { amount: '3300', goodsName: '이벤트' });
    await server.offline(true);
    const failed = nextEvent(element, 'pay-link-error');
    $(element, '[part~="submit"]').click();
    await failed;
    await server.offline(false);
    await element.updateComplete;
    const created = nextEvent(element, 'pay-link-created');
    $(element, '[part~="retry"]').click();
    const { link } = (await created).detail;
    $(element, '[part~="copy"]').click();
    await until(() => events.seen.some((event) => event.type === 'pay-link-copied'), 'copied');
    $(element, '[part~="share"]').click();
    await until(() => events.seen.some((event) => event.type === 'pay-link-shared'), 'shared');
    const paid = nextEvent(element, 'pay-link-paid');
    await server.pay(link.url!);
    const paidLink = (await paid).detail.link;

    expect(events.seen.map(({ type, detail }) => ({ type, detail }))).to.deep.equal([
      { type: 'pay-link-error', detail: { code: 'offline', message: '인터넷에 연결되어 있지 않습니다. 연결되면 다시 시도해 주세요.', retryable: true } },
      { type: 'pay-link-created', detail: { link } },
      { type: 'pay-link-copied', detail: { url: link.shortUrl } },
      { type: 'pay-link-shared', detail: { url: link.shortUrl } },
      { type: 'pay-link-paid', detail: { link: paidLink } },
    ]);
    expect(paidLink.status).to.equal('paid');
    expect(events.seen.every((event) => event.target === element)).to.equal(true);
  } finally {
    events.stop();
    delete (navigator as { share?: unknown }).share;
  }
});

it('expired reaches the page with the link', async () => {
  const clock = FakeTimers.withGlobal(globalThis).install({ now: Date.now(), toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  const events = listen();
  try {
    const element = await mount({ provider: 'paywelcome' });
    const link = await createLink(element);
    clock.setSystemTime(Date.parse(link.expiresAt!));
    clock.tick(1000);
    await until(() => events.seen.some((event) => event.type === 'pay-link-expired'), 'expired');
    expect(events.seen.map(({ type, detail }) => ({ type, detail }))).to.deep.equal([
      { type: 'pay-link-created', detail: { link } },
      { type: 'pay-link-expired', detail: { link } },
    ]);
  } finally {
    events.stop();
    clock.uninstall();
  }
});
