/**
 * POS mode as a counter uses it: its chunk loaded only there, the keypad by
 * touch and by keyboard, the amount read back, a product name that may be
 * left out, the extras folded away, links that last 15 minutes, the view
 * facing the customer, the screen kept on while they scan, and "Paid" heard,
 * detailed, and followed by the next sale.
 */

import FakeTimers, { type Clock } from '@sinonjs/fake-timers';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { PaymentLink } from '../../core/link.js';
import type { PayLinkRequest } from '../../widget/pay-link-request.js';
import { $, $$, accessibilityViolations, endpoint, mount, nextEvent, server, text, type, unmountAll, until } from '../support/widget-harness.js';

let clock: Clock | undefined;
afterEach(async () => {
  unmountAll();
  clock?.uninstall();
  clock = undefined;
  await setViewport({ width: 800, height: 600 });
});

const key = (element: PayLinkRequest, name: string) => $(element, `[part~="key"][data-key="${name}"]`);
const amountInput = (element: PayLinkRequest) => $<HTMLInputElement>(element, '#amount');
const loadedSources = () => performance.getEntriesByType('resource').map((entry) => entry.name);

/** Makes the sale with the create button, as staff would; resolves with the link on screen. */
async function sell(element: PayLinkRequest): Promise<PaymentLink> {
  const created = nextEvent(element, 'pay-link-created');
  $(element, '[part~="submit"]').click();
  return (await created).detail.link;
}

const read = async (id: string) => (await (await fetch(`${endpoint}/api/links/${id}`)).json()) as PaymentLink;

describe('the POS chunk', () => {
  it('is not loaded by a form, and is by a counter', async () => {
    await mount({ provider: 'kicc' });
    expect(loadedSources().filter((source) => source.includes('/widget/pos/'))).to.deep.equal([]);
    const counter = await mount({ provider: 'kicc', mode: 'pos' });
    expect(loadedSources().some((source) => source.includes('/widget/pos/index.ts'))).to.equal(true);
    expect($$(counter, '[part~="keypad"]')).to.have.length(1);
  });

  it('is drawn once updateComplete resolves, in English too: a page awaiting it finds the keypad', async () => {
    for (const lang of ['ko', 'en']) {
      const element = document.createElement('pay-link-request') as PayLinkRequest;
      for (const [name, value] of Object.entries({ endpoint, provider: 'kicc', mode: 'pos', lang, amount: '12000' })) element.setAttribute(name, value);
      document.body.append(element);
      try {
        await element.updateComplete;
        expect($$(element, '[part~="keypad"]'), lang).to.have.length(1);
        expect((element.shadowRoot!.querySelector('input#amount') as HTMLInputElement).value, lang).to.equal('12,000');
        expect(text(element, '[part~="submit"]'), lang).to.equal(lang === 'ko' ? '12,000원 결제 링크 만들기' : 'Create a ₩12,000 payment link');
      } finally {
        element.remove();
      }
    }
  });
});

describe('the keypad', () => {
  it('by touch: digits, 00 and 000, +1만 and +5만, back and clear; the amount read back in Korean', async () => {
    const element = await mount({ provider: 'kicc', mode: 'pos' });
    for (const name of ['1', '2', '000']) await server.tap(key(element, name));
    await element.updateComplete;
    expect(amountInput(element).value).to.equal('12,000');
    expect(text(element, '[part="reading"]')).to.equal('1만 2천원');
    expect(text(element, '[part~="submit"]')).to.equal('12,000원 결제 링크 만들기');

    for (const name of ['+10000', '+50000']) await server.tap(key(element, name));
    await element.updateComplete;
    expect(amountInput(element).value).to.equal('72,000');
    expect(text(element, '[part="reading"]')).to.equal('7만 2천원');

    await server.tap(key(element, 'back'));
    await server.tap(key(element, '00'));
    await element.updateComplete;
    expect(amountInput(element).value).to.equal('720,000');
    expect(text(element, '[part="reading"]')).to.equal('72만원');

    await server.tap(key(element, 'clear'));
    await server.tap(key(element, '0'));
    await server.tap(key(element, '00'));
    await element.updateComplete;
    // Zeros lead to nothing: the amount is still empty, and the button names none.
    expect(amountInput(element).value).to.equal('');
    expect(text(element, '[part~="submit"]')).to.equal('결제 링크 만들기');
  });

  it('by keyboard: digits and Backspace on the keypad, Escape clears, and the keys work as buttons too', async () => {
    const element = await mount({ provider: 'kicc', mode: 'pos' });
    key(element, '5').focus();
    await sendKeys({ type: '35000' });
    await sendKeys({ press: 'Backspace' });
    await element.updateComplete;
    expect(amountInput(element).value).to.equal('3,500');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(amountInput(element).value).to.equal('');
    // Tab to "+1만" and press it.
    key(element, '3').focus();
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement).to.equal(key(element, '+10000'));
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(amountInput(element).value).to.equal('10,000');
    // And into the amount itself, as with any input.
    await type(element, '#amount', '5');
    expect(amountInput(element).value).to.equal('100,005');
    expect(amountInput(element).inputMode).to.equal('none');
  });

  it('makes a link from the amount alone, named by default; the page may name it', async () => {
    const element = await mount({ provider: 'kicc', mode: 'pos' });
    for (const name of ['6', '5', '00']) await server.tap(key(element, name));
    expect(text(element, 'label[for="goods-name"]')).to.equal('상품명 (선택)');
    expect($<HTMLInputElement>(element, '#goods-name').placeholder).to.equal('매장 결제');
    const link = await sell(element);
    expect(link).to.include({ amount: 6500, goodsName: '매장 결제' });
    unmountAll();

    const named = await mount({ provider: 'kicc', mode: 'pos', 'default-goods-name': '커피상점 결제' });
    await type(named, '#amount', '4500');
    expect((await sell(named)).goodsName).to.equal('커피상점 결제');
  });

  it('folds phone, order number and delivery under "more", and opens it for a problem there', async () => {
    const element = await mount({ provider: 'kicc', mode: 'pos' });
    const more = $<HTMLDetailsElement>(element, 'details[part="more"]');
    expect(more.open).to.equal(false);
    expect($(element, '#phone').checkVisibility()).to.equal(false);
    more.open = true;
    await type(element, '#phone', '0201234567');
    more.open = false;
    await type(element, '#amount', '1000');
    $(element, '[part~="submit"]').click();
    await until(() => $<HTMLDetailsElement>(element, 'details[part="more"]').open, 'the extras opened for the bad number');
    expect(text(element, '#phone-error')).to.equal('휴대폰 번호가 올바르지 않습니다. 예: 010-1234-5678');
  });

  it('has no axe violations', async () => {
    const element = await mount({ provider: 'kicc', mode: 'pos' });
    expect(await accessibilityViolations(element)).to.deep.equal([]);
  });
});

describe('a counter link', () => {
  it('lasts 15 minutes, or what expires-in says', async () => {
    const element = await mount({ provider: 'kicc', mode: 'pos' });
    await type(element, '#amount', '3000');
    const before = Date.now();
    const link = await sell(element);
    const lifetime = Date.parse(link.expiresAt!) - before;
    expect(lifetime).to.be.within(15 * 60_000 - 5000, 15 * 60_000 + 1000);
    expect(text(element, '[part="countdown"]')).to.match(/^1[45]:\d\d 후 만료$/);
    unmountAll();

    const longer = await mount({ provider: 'paywelcome', mode: 'pos', 'expires-in': '30' });
    await type(longer, '#amount', '3000');
    const at = Date.now();
    const thirty = Date.parse((await sell(longer)).expiresAt!) - at;
    expect(thirty).to.be.within(30 * 60_000 - 5000, 30 * 60_000 + 1000);
  });

  it('refuses an expires-in shorter than the server allows, saying so', async () => {
    const element = await mount({ provider: 'kicc', mode: 'pos', 'expires-in': '2' });
    await type(element, '#amount', '3000');
    $(element, '[part~="submit"]').click();
    await until(() => element.shadowRoot!.querySelector('[role="alert"]'), 'the refusal');
    expect(text(element, '[role="alert"] p')).to.equal('만료 시각은 지금부터 5분 이후여야 합니다.');
  });

  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 768, height: 1024 },
  ]) {
    it(`faces the customer at ${viewport.width}×${viewport.height}: the shop, the amount large, a QR of 60 % of the short side, nothing to copy`, async () => {
      await setViewport(viewport);
      const element = await mount({ provider: 'kicc', mode: 'pos', 'shop-name': '커피상점' });
      await type(element, '#amount', '12000');
      await sell(element);
      await element.updateComplete;
      expect(text(element, '[part="shop"]')).to.equal('커피상점');
      expect(text(element, '#result-title')).to.equal('QR을 찍어 결제해 주세요');
      const amount = $(element, '.summary strong');
      expect(amount.textContent).to.equal('12,000원');
      expect(parseFloat(getComputedStyle(amount).fontSize)).to.be.at.least(48);
      const qr = $(element, 'svg[part="qr"]').getBoundingClientRect();
      expect(qr.width).to.be.at.least(0.6 * Math.min(innerWidth, innerHeight));
      expect(qr.bottom).to.be.at.most(innerHeight);
      expect($$(element, '[part~="copy"], [part~="sms"], [part~="share"], [part="link"]')).to.have.length(0);
      expect(await accessibilityViolations(element)).to.deep.equal([]);
    });
  }

  it('keeps the screen on while the customer may pay, and lets go once paid', async () => {
    await server.grantWakeLock();
    const requests: WakeLockSentinel[] = [];
    const wakeLock = navigator.wakeLock;
    const request = wakeLock.request.bind(wakeLock);
    // Watched, not replaced: the real lock is taken and released.
    Object.defineProperty(wakeLock, 'request', { configurable: true, value: async (type: WakeLockType) => (requests.push(await request(type)), requests.at(-1)!) });
    try {
      const element = await mount({ provider: 'kicc', mode: 'pos' });
      await type(element, '#amount', '2000');
      const link = await sell(element);
      await until(() => requests.length === 1, 'a wake lock');
      expect(requests[0]!.type).to.equal('screen');
      expect(requests[0]!.released).to.equal(false);
      const paid = nextEvent(element, 'pay-link-paid');
      await server.pay(link.url!);
      await paid;
      await until(() => requests[0]!.released, 'the lock released');
    } finally {
      delete (wakeLock as { request?: unknown }).request;
    }
  });

  it('on "Paid": a chime and a buzz, the payment read back, and the next sale in 8 seconds or now', async () => {
    const tones: number[] = [];
    const createOscillator = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      const tone = createOscillator.call(this);
      const start = tone.start.bind(tone);
      tone.start = (when?: number) => (tones.push(tone.frequency.value), start(when));
      return tone;
    };
    const buzzes: VibratePattern[] = [];
    const vibrate = navigator.vibrate.bind(navigator);
    Object.defineProperty(navigator, 'vibrate', { configurable: true, value: (pattern: VibratePattern) => (buzzes.push(pattern), vibrate(pattern)) });
    try {
      const element = await mount({ provider: 'kicc', mode: 'pos' });
      await type(element, '#amount', '6500');
      const link = await sell(element);
      clock = FakeTimers.withGlobal(globalThis).install({ now: Date.now(), toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'], shouldAdvanceTime: true, shouldClearNativeTimers: true });
      const paid = nextEvent(element, 'pay-link-paid');
      await server.pay(link.url!);
      await paid;
      await element.updateComplete;
      expect(tones).to.deep.equal([880, 1318.5]);
      expect(buzzes).to.deep.equal([[120, 60, 120]]);
      expect(text(element, '#result-title')).to.equal('결제 완료');
      const heading = parseFloat(getComputedStyle($(element, '#result-title')).fontSize);
      expect(heading).to.be.above(parseFloat(getComputedStyle($(element, '[part="status"]')).fontSize));
      const details = $$(element, '[part="payment"] > div').map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent]);
      expect(details.slice(0, 2)).to.deep.equal([
        ['결제 수단', '카드'],
        ['카드사', 'KB국민카드'],
      ]);
      expect(details[2]![0]).to.equal('승인번호');
      expect(details[2]![1]).to.match(/^\d{8}$/);
      expect(text(element, '[part="next"] [role="timer"]')).to.equal('8초 뒤 다음 결제 화면으로 돌아갑니다');
      clock.tick(3000);
      await element.updateComplete;
      expect(text(element, '[part="next"] [role="timer"]')).to.equal('5초 뒤 다음 결제 화면으로 돌아갑니다');
      $(element, '[part="next"] [part~="new"]').click();
      await until(() => element.shadowRoot!.querySelector('#amount'), 'the next sale');
      expect(amountInput(element).value).to.equal('');
    } finally {
      AudioContext.prototype.createOscillator = createOscillator;
      delete (navigator as { vibrate?: unknown }).vibrate;
    }
  });

  it('asks before a new sale while the link can still be paid, and cancels it by default', async () => {
    const element = await mount({ provider: 'kicc', mode: 'pos' });
    await type(element, '#amount', '9000');
    const link = await sell(element);
    $(element, '[part~="new"]').click();
    await until(() => element.shadowRoot!.activeElement === element.shadowRoot!.querySelector('[part~="cancel-and-new"]'), 'the question');
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot!.querySelector('#amount'), 'the next sale');
    expect((await read(link.id)).status).to.equal('cancelled');
  });
});
