/** Submitting, and the link on screen: QR code, copy, SMS, share, events, accessibility. */

import { emulateMedia, sendKeys, setUserAgent } from '@web/test-runner-commands';
import { expect } from 'chai';
import { $, $$, accessibilityViolations, createLink, decodeQr, endpoint, fill, mount, nextEvent, server, text, unmountAll, until } from '../support/widget-harness.js';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; SM-S921N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const browserUserAgent = navigator.userAgent;

afterEach(async () => {
  unmountAll();
  await setUserAgent(browserUserAgent);
});

describe('submitting', () => {
  it('shows a QR code whose content is the short link, and moves focus to the result', async () => {
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element, { amount: '12000', goodsName: '커피 원두 1kg' });

    expect(link).to.include({ status: 'active', amount: 12000, goodsName: '커피 원두 1kg', provider: 'kicc' });
    const svg = $<SVGSVGElement>(element, 'svg[part="qr"]');
    expect(await decodeQr(svg)).to.equal(link.shortUrl);
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('12,000원 결제용 QR 코드');
    expect(text(element, '[part="link"]')).to.equal(`결제 링크: ${link.shortUrl}`);
    expect(element.shadowRoot!.activeElement).to.equal($(element, '#result-title'));
    expect(text(element, '#result-title')).to.equal('결제 링크가 준비되었습니다');
  });

  it('says which gateway holds the link, and that it failed over when the first was down', async () => {
    const element = await mount({ provider: 'kicc' });
    await createLink(element, { amount: '12000', goodsName: '커피' });
    expect(text(element, '[part="provider"]')).to.equal('결제사: KICC 이지페이');
    unmountAll();

    const auto = await mount({ provider: 'auto' });
    await server.fault('kicc', { mode: 'http500', times: 3 });
    const link = await createLink(auto, { amount: '12000', goodsName: '커피' });
    expect(link.provider).to.equal('paywelcome');
    expect(text(auto, '[part="provider"]')).to.equal('첫 결제사에 연결할 수 없어 페이웰컴으로 만들었습니다');
  });

  it('sends one request however often the button is pressed, busy meanwhile', async () => {
    const element = await mount({ provider: 'kicc' });
    const before = await server.counts();
    await server.fault('kicc', { mode: 'slow', delayMs: 400, times: 1 });
    const created = nextEvent(element, 'pay-link-created');
    await fill(element, { amount: '5000', goodsName: '두 번 누름' });
    const button = $(element, '[part~="submit"]');
    button.click();
    await element.updateComplete;
    expect($(element, 'form').getAttribute('aria-busy')).to.equal('true');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(text(element, '[part~="submit"]')).to.equal('결제 링크를 만드는 중…');
    button.click();
    button.click();
    await created;
    expect((await server.counts()).kiccCalls - before.kiccCalls).to.equal(1);
  });

  it('fires pay-link-created with the link', async () => {
    const element = await mount({ provider: 'paywelcome' });
    const created = nextEvent(document.body, 'pay-link-created'); // bubbles and leaves the shadow root
    const link = await createLink(element, { amount: '3000', goodsName: 'Latte' });
    const event = await created;
    expect(event.detail.link).to.deep.equal(link);
    expect(event.composed).to.equal(true);
  });
});

describe('handing the link over', () => {
  it('copies the link to the clipboard, says so, and fires pay-link-copied', async () => {
    await server.grantClipboard();
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element);
    const copied = nextEvent(element, 'pay-link-copied');
    $(element, '[part~="copy"]').click();
    expect((await copied).detail).to.deep.equal({ url: link.shortUrl });
    expect(await navigator.clipboard.readText()).to.equal(link.shortUrl);
    await element.updateComplete;
    expect(text(element, '[part~="copy"]')).to.equal('링크를 복사했습니다');
    expect(text(element, '[role="status"]')).to.equal('링크를 복사했습니다');
  });

  it('copies by selection where the Clipboard API is refused, keeping focus on the button', async () => {
    await server.grantClipboard(false);
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element);
    const button = $(element, '[part~="copy"]');
    button.focus();
    const copied = nextEvent(element, 'pay-link-copied');
    await sendKeys({ press: 'Enter' }); // a real key press: the fallback needs the user's gesture
    expect((await copied).detail).to.deep.equal({ url: link.shortUrl });
    expect(element.shadowRoot!.activeElement).to.equal(button);
    await server.grantClipboard(); // for the test to read it back
    expect(await navigator.clipboard.readText()).to.equal(link.shortUrl);
  });

  it('says on screen when it cannot copy, with the link selected for a copy by hand', async () => {
    await server.grantClipboard(false);
    const element = await mount({ provider: 'kicc' });
    const link = await createLink(element);
    // The Clipboard API is refused (above); the selection copy is refused too, as a browser does without a user gesture.
    const execCommand = document.execCommand;
    document.execCommand = () => false;
    try {
      $(element, '[part~="copy"]').click();
      await until(() => element.shadowRoot!.querySelector('[part="copy-error"]'), 'the visible notice');
    } finally {
      document.execCommand = execCommand;
    }
    expect(text(element, '[part="copy-error"]')).to.equal('복사하지 못했습니다. 선택해 둔 링크를 직접 복사해 주세요.');
    expect($(element, '[part="copy-error"]').checkVisibility()).to.equal(true);
    expect(getSelection()!.toString()).to.equal(link.shortUrl);
    expect(text(element, '[role="status"]')).to.equal('복사하지 못했습니다. 선택해 둔 링크를 직접 복사해 주세요.');
  });

  it('writes an iPhone sms: link with "&body=", the shop named as the server knows it', async () => {
    await setUserAgent(IPHONE);
    const element = await mount({ provider: 'paywelcome' });
    const link = await createLink(element, { amount: '12000', goodsName: '커피', phone: '01012345678' });
    expect(link.merchantName).to.equal('페이링크 데모');
    const href = $(element, 'a[part~="sms"]').getAttribute('href')!;
    expect(href).to.equal(`sms:01012345678&body=${encodeURIComponent(`[페이링크 데모] 결제 요청: 커피 12,000원\n${link.shortUrl}`)}`);
    expect(text(element, 'a[part~="sms"]')).to.equal('이 기기의 문자 앱으로 보내기');
  });

  it('writes an Android sms: link with "?body=", no number when none was given, and the shop-name attribute\'s name', async () => {
    await setUserAgent(ANDROID);
    const element = await mount({ provider: 'paywelcome', lang: 'en', 'shop-name': 'Coffee Corner' });
    const link = await createLink(element, { amount: '12000', goodsName: 'Coffee' });
    const href = $(element, 'a[part~="sms"]').getAttribute('href')!;
    expect(href).to.equal(`sms:?body=${encodeURIComponent(`Coffee Corner: payment request: Coffee ₩12,000\n${link.shortUrl}`)}`);
  });

  it('offers no sms: link on a desktop, where it would do nothing', async () => {
    const element = await mount({ provider: 'paywelcome' });
    await createLink(element, { amount: '12000', goodsName: '커피', phone: '01012345678' });
    expect(matchMedia('(pointer: coarse)').matches).to.equal(false);
    expect($$(element, '[part~="sms"]')).to.have.length(0);
    expect($$(element, '[part~="copy"]')).to.have.length(1);
  });

  it('says the provider texted the link, to the number in full for whoever typed it, and texts it again', async () => {
    await setUserAgent(ANDROID);
    const element = await mount({ provider: 'kicc', delivery: 'provider-sms' });
    await createLink(element, { amount: '8000', goodsName: '문자 발송', phone: '01012345678' });
    expect(text(element, '#result-title')).to.equal('고객에게 결제 링크 문자를 보냈습니다');
    expect(text(element, '.sent')).to.equal('010-1234-5678로 문자를 보냈습니다');
    // Even on a phone: the provider sent it, a second text from this device would only confuse.
    expect($$(element, 'a[part~="sms"]')).to.have.length(0);
    const before = await server.counts();
    $(element, '[part~="resend"]').click();
    const said = '010-1234-5678로 문자를 다시 보냈습니다';
    for (let i = 0; i < 100 && text(element, '[role="status"]') !== said; i++) await new Promise((r) => setTimeout(r, 50));
    expect(text(element, '[role="status"]')).to.equal(said);
    expect((await server.counts()).kiccCalls - before.kiccCalls).to.equal(1);
  });

  it('shares through the system share sheet where the browser has one', async () => {
    // Chromium on Linux has no Web Share; stand in for the system sheet that Android and iOS open.
    const shared: ShareData[] = [];
    Object.defineProperty(navigator, 'share', { configurable: true, value: async (data: ShareData) => void shared.push(data) });
    try {
      const element = await mount({ provider: 'kicc' });
      const link = await createLink(element, { amount: '4500', goodsName: '아메리카노' });
      const event = nextEvent(element, 'pay-link-shared');
      $(element, '[part~="share"]').click();
      expect((await event).detail).to.deep.equal({ url: link.shortUrl });
      expect(shared).to.deep.equal([{ title: '아메리카노', text: '아메리카노 4,500원', url: link.shortUrl }]);
    } finally {
      delete (navigator as { share?: unknown }).share;
    }
  });

  it('offers no share button where the browser cannot share', async () => {
    const element = await mount({ provider: 'kicc' });
    await createLink(element);
    expect($$(element, '[part~="share"]')).to.have.length(0);
  });
});

describe('a new request', () => {
  it('returns to an empty form with the prefilled attributes applied again', async () => {
    const element = await mount({ provider: 'kicc', 'goods-name': '회비' });
    await createLink(element, { amount: '20000' });
    $(element, '[part~="new"]').click();
    // The link can still be paid: cancelling it is the default answer.
    await until(() => element.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part="prompt"]')?.open, 'the question');
    $(element, '[part~="cancel-and-new"]').click();
    await until(() => element.shadowRoot!.querySelector('#amount'), 'the form');
    await element.updateComplete;
    expect($<HTMLInputElement>(element, '#amount').value).to.equal('');
    expect($<HTMLInputElement>(element, '#goods-name').value).to.equal('회비');
    expect(element.shadowRoot!.activeElement).to.equal($(element, '#amount'));
  });
});

describe('accessibility of the result', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('has no axe violations, in light and dark', async () => {
    const element = await mount({ provider: 'kicc', lang: 'en' });
    await createLink(element);
    expect(await accessibilityViolations(element)).to.deep.equal([]);
    await emulateMedia({ colorScheme: 'dark' });
    expect(await accessibilityViolations(element)).to.deep.equal([]);
  });

  it('the whole flow works by keyboard', async () => {
    await server.grantClipboard();
    const element = await mount({ provider: 'kicc' });
    $(element, '#amount').focus();
    await sendKeys({ type: '4000' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '키보드' });
    const created = nextEvent(element, 'pay-link-created');
    await sendKeys({ press: 'Enter' });
    const { link } = (await created).detail;
    expect(element.shadowRoot!.activeElement).to.equal($(element, '#result-title'));
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement).to.equal($(element, '[part~="copy"]'));
    const copied = nextEvent(element, 'pay-link-copied');
    await sendKeys({ press: 'Enter' });
    expect((await copied).detail.url).to.equal(link.shortUrl);
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement).to.equal($(element, '[part~="cancel"]'));
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement).to.equal($(element, '[part~="new"]'));
    await sendKeys({ press: 'Enter' });
    // Asked whether to cancel the link, which is the focused, default answer.
    await until(() => element.shadowRoot!.activeElement === element.shadowRoot!.querySelector('[part~="cancel-and-new"]'), 'focus on "cancel and start anew"');
    await sendKeys({ press: 'Enter' });
    await until(() => element.shadowRoot!.activeElement === element.shadowRoot!.querySelector('#amount'), 'focus back on the amount');
    expect((await (await fetch(`${endpoint}/api/links/${link.id}`)).json()).status).to.equal('cancelled');
  });
});
