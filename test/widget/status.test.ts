/** The link after it is shown: countdown and expiry (on a controlled clock), opened, paid, POS reset. */

import FakeTimers, { type Clock } from '@sinonjs/fake-timers';
import { expect } from 'chai';
import { $, $$, createLink, endpoint, mount, nextEvent, server, text, unmountAll, until } from '../support/widget-harness.js';

let clock: Clock | undefined;

/**
 * A clock the test can move, that otherwise runs as time does: the backend,
 * on the real clock, goes on answering.
 */
const controlClock = () =>
  (clock = FakeTimers.withGlobal(globalThis).install({
    now: Date.now(),
    toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    shouldAdvanceTime: true,
    advanceTimeDelta: 10,
  }));

afterEach(() => {
  unmountAll();
  clock?.uninstall();
  clock = undefined;
});

describe('the countdown', () => {
  it('counts down to the expiry the server gave, and at expiry dims the QR and offers a new link', async () => {
    const clock = controlClock();
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element, { amount: '12000', goodsName: '만료 시험' });
    const expiresAt = Date.parse(link.expiresAt!);
    // KICC links last seven days unless asked otherwise.
    expect(text(element, '[part="countdown"]')).to.match(/^(6일 23:59:5\d|7일 00:00:00) 후 만료$/);
    expect($(element, '[part="countdown"] time').getAttribute('datetime')).to.equal(link.expiresAt);

    clock.setSystemTime(expiresAt - 61_000);
    clock.tick(1000);
    await element.updateComplete;
    expect(text(element, '[part="countdown"]')).to.equal('1:00 후 만료');

    const expired = nextEvent(element, 'pay-link-expired');
    clock.tick(60_000);
    expect((await expired).detail.link.id).to.equal(link.id);
    await element.updateComplete;
    expect(text(element, '#result-title')).to.equal('링크가 만료되었습니다');
    expect($(element, 'svg[part="qr"]').classList.contains('dimmed')).to.equal(true);
    expect($$(element, '[part~="copy"], [part~="sms"], [part="countdown"]')).to.have.length(0);

    // Not "new link" beside "new request": it makes the same sale again.
    expect(text(element, '[part~="make-new"]')).to.equal('같은 내용으로 다시 만들기');
    $(element, '[part~="make-new"]').click();
    await element.updateComplete;
    expect($<HTMLInputElement>(element, '#amount').value).to.equal('12,000');
    expect($<HTMLInputElement>(element, '#goods-name').value).to.equal('만료 시험');
  });

  it('reads in English', async () => {
    const clock = controlClock();
    const element = await mount({ provider: 'paywelcome', lang: 'en' });
    const link = await createLink(element, { amount: '1000', goodsName: 'Tea' });
    clock.setSystemTime(Date.parse(link.expiresAt!) - 3_600_000 - 5_000);
    clock.tick(1000);
    await element.updateComplete;
    expect(text(element, '[part="countdown"]')).to.equal('Expires in 1:00:04');
  });
});

describe('following the link', () => {
  it('says when the customer opened the link', async () => {
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element);
    expect(text(element, '[part="status"]')).to.equal('결제를 기다리는 중');
    expect(await server.open(link.shortUrl!)).to.equal(302);
    await until(() => text(element, '[part="status"]') === '고객이 링크를 열었습니다', 'the opened notice');
  });

  it('turns to "Paid" when the customer pays, and fires pay-link-paid', async () => {
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element, { amount: '12000', goodsName: '결제 시험' });
    const paid = nextEvent(element, 'pay-link-paid');
    const answer = await server.pay(link.url!);
    expect(answer, 'the emulated payment page answers').to.be.below(400);
    const { detail } = await paid;
    expect(detail.link).to.include({ id: link.id, status: 'paid' });
    await element.updateComplete;
    expect(text(element, '#result-title')).to.equal('결제 완료');
    expect(text(element, '[part="status"]')).to.match(/^12,000원 · .+ 결제$/);
    // The heading is the loudest line, not the one under it.
    const size = (selector: string) => parseFloat(getComputedStyle($(element, selector)).fontSize);
    expect(size('#result-title')).to.be.above(size('[part="status"]'));
    expect(text(element, '[part="payment"] dd')).to.equal('카드');
    expect($$(element, 'svg[part="qr"], [part~="copy"]')).to.have.length(0);
    expect(text(element, '[role="status"]')).to.equal('결제 완료');
  });

  it('hears "Paid" pushed over the event stream, without polling', async () => {
    const element = await mount({ provider: 'kicc' });
    await server.recordRequests();
    const link = await createLink(element);
    const eventsUrl = `${endpoint}/api/links/${link.id}/events`;
    await until(async () => (await server.recordedRequests()).some((request) => request.url === eventsUrl), 'the event stream');
    const paid = nextEvent(element, 'pay-link-paid');
    expect(await server.pay(link.url!)).to.be.below(400);
    await paid;
    const gets = (await server.recordedRequests()).filter((request) => request.method === 'GET').map((request) => request.url);
    expect(gets).to.deep.equal([eventsUrl]);
  });

  it('falls back to polling when the event stream drops, and still turns to "Paid"', async () => {
    const element = await mount({ provider: 'kicc' });
    await server.recordRequests();
    // The first GET is the event stream: its connection breaks.
    await server.loseNextResponse('GET', `${endpoint}/api/links/`);
    const link = await createLink(element);
    const pollUrl = `${endpoint}/api/links/${link.id}`;
    await until(async () => (await server.recordedRequests()).some((request) => request.url === pollUrl), 'a poll of the link');
    const paid = nextEvent(element, 'pay-link-paid');
    expect(await server.pay(link.url!)).to.be.below(400);
    expect((await paid).detail.link.status).to.equal('paid');
  });

  it('in pos mode, comes back to an empty form some seconds after "Paid"', async () => {
    const clock = controlClock();
    const element = await mount({ provider: 'paywelcome', mode: 'pos', 'goods-name': '카운터' });
    const link = await createLink(element, { amount: '2500' });
    const paid = nextEvent(element, 'pay-link-paid');
    expect(await server.pay(link.url!)).to.be.below(400);
    await paid;
    await element.updateComplete;
    expect(text(element, '#result-title')).to.equal('결제 완료');
    clock.tick(8000);
    await element.updateComplete;
    await element.updateComplete;
    expect($<HTMLInputElement>(element, '#amount').value).to.equal('');
    expect($<HTMLInputElement>(element, '#goods-name').value).to.equal('카운터');
  });
});
