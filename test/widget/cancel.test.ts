/**
 * Nothing left payable by mistake: a cancel on the result, a question on
 * "new request" while the link can be paid (cancelling is the default,
 * keeping it a choice), and what a cancel means where the gateway cannot
 * withdraw a link.
 */

import { expect } from 'chai';
import type { PaymentLink } from '../../core/link.js';
import type { PayLinkRequest } from '../../widget/pay-link-request.js';
import { $, $$, createLink, endpoint, mount, nextEvent, server, text, unmountAll, until } from '../support/widget-harness.js';

afterEach(unmountAll);

const read = async (id: string) => (await (await fetch(`${endpoint}/api/links/${id}`)).json()) as PaymentLink;
const prompt = (element: PayLinkRequest) => element.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part="prompt"]');
const asked = (element: PayLinkRequest) => until(() => prompt(element)?.open, 'the question');

describe('cancel on the result', () => {
  it('KICC withdraws the link: the customer’s short link says so, and the page hears of it', async () => {
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element);
    const cancelled = nextEvent(element, 'pay-link-cancelled');
    $(element, '[part~="cancel"]').click();
    const { detail } = await cancelled;
    expect(detail.mode).to.equal('provider');
    expect(detail.link).to.include({ id: link.id, status: 'cancelled' });
    await element.updateComplete;
    expect(text(element, '#result-title')).to.equal('취소된 링크입니다');
    expect(text(element, '[part="status"]')).to.equal('고객은 이 링크로 더 이상 결제할 수 없습니다.');
    expect($$(element, '[part~="copy"], [part~="cancel"], svg[part="qr"]:not(.dimmed)')).to.have.length(0);
    expect((await read(link.id)).status).to.equal('cancelled');
    // Opened now, the short link explains itself instead of forwarding to the payment page.
    expect(await server.open(link.shortUrl!)).to.equal(200);
  });

  it('PayWelcome cannot withdraw it: only our link stops, and staff are told until when its own page stays open', async () => {
    const element = await mount({ provider: 'paywelcome' });
    const link = await createLink(element);
    const cancelled = nextEvent(element, 'pay-link-cancelled');
    $(element, '[part~="cancel"]').click();
    expect((await cancelled).detail.mode).to.equal('local');
    await element.updateComplete;
    const until = new Intl.DateTimeFormat('ko', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(link.expiresAt!));
    expect(text(element, '[part="status"]')).to.equal(
      `QR과 결제 링크는 막혔습니다. 다만 페이웰컴은 링크를 회수할 수 없어, 고객이 이미 연 결제 화면은 ${until}까지 열려 있고 거기서 결제하면 결제로 기록됩니다.`,
    );
  });
});

describe('"new request" while the link can be paid', () => {
  it('asks, with cancelling focused as the default', async () => {
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element, { amount: '12000', goodsName: '아이스 아메리카노' });
    $(element, '[part~="new"]').click();
    await asked(element);
    expect(text(element, '#prompt-title')).to.equal('아직 결제할 수 있는 링크입니다');
    expect(text(element, '#prompt-body')).to.equal('아이스 아메리카노 12,000원 링크를 취소할까요? 취소하지 않으면 고객이 이 링크로도 결제할 수 있습니다.');
    expect(element.shadowRoot!.activeElement).to.equal($(element, '[part~="cancel-and-new"]'));
    $(element, '[part~="cancel-and-new"]').click();
    await until(() => element.shadowRoot!.querySelector('form'), 'the form');
    expect((await read(link.id)).status).to.equal('cancelled');
  });

  it('keeps the link payable when staff choose to, saying where it stays', async () => {
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element);
    $(element, '[part~="new"]').click();
    await asked(element);
    expect(text(element, '#keep-note')).to.equal('유지한 링크는 오늘의 요청 목록에 남고, 만료될 때까지 결제할 수 있습니다.');
    $(element, '[part~="keep-and-new"]').click();
    await until(() => element.shadowRoot!.querySelector('form'), 'the form');
    expect((await read(link.id)).status).to.equal('active');
  });

  it('goes back to the link on Escape, changing nothing', async () => {
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element);
    $(element, '[part~="new"]').click();
    await asked(element);
    prompt(element)!.dispatchEvent(new Event('cancel', { cancelable: true }));
    await until(() => !prompt(element), 'the question gone');
    expect(text(element, '#result-title')).to.equal('결제 링크가 준비되었습니다');
    expect((await read(link.id)).status).to.equal('active');
  });

  it('says what cancelling means with PayWelcome before it is chosen', async () => {
    const element = await mount({ provider: 'paywelcome' });
    await createLink(element);
    $(element, '[part~="new"]').click();
    await asked(element);
    expect(text(element, 'dialog .note')).to.match(/^QR과 결제 링크는 막혔습니다\. 다만 페이웰컴은 링크를 회수할 수 없어/);
  });

  it('is not asked once the link is paid', async () => {
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element);
    const paid = nextEvent(element, 'pay-link-paid');
    await server.pay(link.url!);
    await paid;
    await element.updateComplete;
    $(element, '[part~="new"]').click();
    await until(() => element.shadowRoot!.querySelector('form'), 'the form, at once');
    expect(prompt(element)).to.equal(null);
  });

  it('a payment that lands while the question is open closes it and shows "Paid"', async () => {
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element);
    $(element, '[part~="new"]').click();
    await asked(element);
    const paid = nextEvent(element, 'pay-link-paid');
    await server.pay(link.url!);
    await paid;
    await until(() => !prompt(element), 'the question gone');
    expect(text(element, '#result-title')).to.equal('결제 완료');
  });
});
