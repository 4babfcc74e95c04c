/**
 * `<pay-link-list>` in Chromium against the real backend: today's rows and
 * totals, changing live as customers open and pay; beside the form with no
 * wiring; cancel, refund and "request again" by keyboard behind their
 * confirmations; QR and copy; a staff token's own links over a stream
 * ticket; English, POS sizes, axe in light and dark, and 320 pixels wide.
 */

import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { LinkSummary, PaymentLink } from '../../core/link.js';
import type { PayLinkList } from '../../widget/pay-link-list.js';
import {
  $,
  $$,
  accessibilityViolations,
  createLink,
  decodeQr,
  endpoint,
  makeLink,
  mount,
  mountList,
  nextEvent,
  rowOf,
  server,
  text,
  tokenEndpoint,
  type,
  unmountAll,
  until,
} from '../support/widget-harness.js';

afterEach(async () => {
  unmountAll();
  await emulateMedia({ colorScheme: 'light' });
  await setViewport({ width: 800, height: 600 });
});

/** A product name no other test uses, so its row is this test's. */
let serial = 0;
const product = (name: string) => `${name} ${Date.now() % 100_000}-${++serial}`;

const summary = async (base = endpoint, token?: string) =>
  (await (await fetch(`${base}/api/summary`, { headers: token ? { authorization: `Bearer ${token}` } : {} })).json()) as LinkSummary;
const read = async (id: string) => (await (await fetch(`${endpoint}/api/links/${id}`)).json()) as PaymentLink;
const cell = (row: HTMLElement, part: string) => row.querySelector(`[part~="${part}"]`)!.textContent!.replace(/\s+/g, ' ').trim();
const button = (row: HTMLElement, part: string) => row.querySelector<HTMLButtonElement>(`button[part~="${part}"]`);
const buttons = (row: HTMLElement) => [...row.querySelectorAll<HTMLButtonElement>('button')];
const openDialog = (list: PayLinkList) => until(() => list.shadowRoot!.querySelector<HTMLDialogElement>('dialog[open]'), 'the dialog to open');
const totals = (list: PayLinkList) => text(list, '[part~="totals"]');

describe('the day’s rows', () => {
  it('shows each link newest first: time, product, amount, masked phone, provider and status, with the day’s totals', async () => {
    const first = await makeLink({ provider: 'kicc', amount: 12_000, goodsName: product('원두'), customer: { phone: '010-1234-5678' } });
    const second = await makeLink({ provider: 'paywelcome', amount: 3_500, goodsName: product('라떼') });
    const list = await mountList();
    const [top, below] = [await rowOf(list, second.id), await rowOf(list, first.id)];
    const rows = $$(list, '[part~="row"]');
    expect(rows.indexOf(top)).to.be.lessThan(rows.indexOf(below));

    expect(cell(below, 'goods-name')).to.equal(first.goodsName);
    expect(cell(below, 'amount')).to.equal('12,000원');
    expect(cell(below, 'phone')).to.equal('010-****-5678');
    expect(cell(below, 'provider')).to.equal('KICC');
    expect(cell(below, 'state')).to.equal('결제 대기');
    expect(cell(below, 'time')).to.equal('방금');
    expect(below.querySelector('time')!.getAttribute('datetime')).to.equal(first.createdAt);
    expect(cell(top, 'provider')).to.equal('PayWelcome');
    expect(top.querySelector('[part~="phone"]')).to.equal(null);

    const day = await summary();
    await until(() => totals(list).includes(`결제 ${day.total.paid.count}건`), 'the totals');
    expect(totals(list).replace(/\s/g, '')).to.include(`합계${day.total.net.toLocaleString('ko-KR')}원`);
  });

  it('turns a row to opened and then paid as the customer acts, and the totals with it', async () => {
    const link = await makeLink({ provider: 'kicc', amount: 4_400, goodsName: product('케이크') });
    const list = await mountList();
    const row = await rowOf(list, link.id);
    const paidBefore = (await summary()).total.paid;
    await until(() => totals(list).includes(`결제 ${paidBefore.count}건`), 'the totals before');

    await server.open(link.shortUrl!);
    await until(() => cell(row, 'state') === '고객 열람', 'opened');
    await server.pay(link.url!);
    await until(() => cell(row, 'state') === '결제 완료', 'paid');
    expect(text(list, '[role="status"]')).to.equal(`${link.goodsName} 4,400원: 결제 완료`);
    await until(() => totals(list).includes(`결제 ${paidBefore.count + 1}건`), 'the totals after');
    // Nothing to do for a paid link but refund it.
    expect(buttons(row).map((b) => b.getAttribute('part'))).to.deep.equal(['button refund']);
  });

  it('shows a link the form beside it made at once, with no wiring', async () => {
    const form = await mount({ provider: 'kicc' });
    const list = await mountList();
    const created = nextEvent(form, 'pay-link-created');
    const link = await createLink(form, { amount: '8800', goodsName: product('폼에서') });
    await created;
    const row = await rowOf(list, link.id, 200);
    expect(cell(row, 'state')).to.equal('결제 대기');
  });
});

describe('actions', () => {
  it('cancels by keyboard behind a confirmation; Escape keeps the link', async () => {
    const link = await makeLink({ provider: 'kicc', amount: 6_000, goodsName: product('취소') });
    const list = await mountList();
    const row = await rowOf(list, link.id);
    const cancel = button(row, 'cancel')!;
    cancel.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await openDialog(list);
    expect(dialog.textContent).to.include(`${link.goodsName} 6,000원 결제 요청을 취소하면 고객은 이 링크로 결제할 수 없습니다.`);
    expect(dialog.contains(list.shadowRoot!.activeElement)).to.equal(true);

    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog to close');
    expect(list.shadowRoot!.activeElement).to.equal(cancel);
    expect((await read(link.id)).status).to.equal('active');

    await sendKeys({ press: 'Enter' });
    await openDialog(list);
    expect(list.shadowRoot!.activeElement!.getAttribute('part')).to.equal('button confirm');
    const cancelled = nextEvent(list, 'pay-link-cancelled');
    await sendKeys({ press: 'Enter' });
    expect((await cancelled).detail.link).to.include({ id: link.id, status: 'cancelled' });
    await until(() => cell(row, 'state') === '취소', 'cancelled');
    expect((await read(link.id)).status).to.equal('cancelled');
    // Focus goes to what the row offers now.
    await until(() => list.shadowRoot!.activeElement === button(row, 'request-again'), 'focus on request again');
  });

  it('requests a cancelled link again: the same amount and product, a new order id, its QR shown', async () => {
    const link = await makeLink({ provider: 'kicc', amount: 7_700, goodsName: product('다시') });
    await fetch(`${endpoint}/api/links/${link.id}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const list = await mountList();
    const row = await rowOf(list, link.id);
    expect(cell(row, 'state')).to.equal('취소');
    button(row, 'request-again')!.click();
    const dialog = await openDialog(list);
    const svg = await until(() => dialog.querySelector<SVGSVGElement>('svg[part="qr-code"]'), 'the new QR');
    const newRow = $$(list, '[part~="row"]').find((candidate) => candidate.dataset.id !== link.id && cell(candidate, 'goods-name') === link.goodsName)!;
    const again = await read(newRow.dataset.id!);
    expect(again).to.include({ amount: 7_700, goodsName: link.goodsName, provider: 'kicc', status: 'active' });
    expect(again.orderId).to.not.equal(link.orderId);
    expect(await decodeQr(svg)).to.equal(again.shortUrl);
    expect($$(list, '[part~="row"]').indexOf(newRow)).to.equal(0);
  });

  it('refunds all or an amount, confirming the amount and that it cannot be undone; says what the gateway answered when it cannot', async () => {
    const link = await makeLink({ provider: 'kicc', amount: 15_000, goodsName: product('환불') });
    await server.pay(link.url!);
    const list = await mountList();
    const row = await rowOf(list, link.id);
    await until(() => cell(row, 'state') === '결제 완료', 'paid');
    const refunded: CustomEvent<{ amount: number }>[] = [];
    list.addEventListener('pay-link-refunded', (event) => refunded.push(event));

    button(row, 'refund')!.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await openDialog(list);
    expect(dialog.textContent).to.include('전액 15,000원');
    // "Part of it", by keyboard: the arrow moves the radio choice.
    dialog.querySelector<HTMLInputElement>('input[type="radio"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await list.updateComplete;
    await type(list, '#refund-amount', '20000');
    await sendKeys({ press: 'Enter' });
    await until(() => dialog.querySelector('[part~="error"]'), 'the amount refused');
    expect(text(list, '[part~="error"]')).to.equal('1원부터 15,000원까지 입력해 주세요.');
    expect(list.shadowRoot!.activeElement!.id).to.equal('refund-amount');

    $<HTMLInputElement>(list, '#refund-amount').select();
    await sendKeys({ type: '5000' });
    expect($<HTMLInputElement>(list, '#refund-amount').value).to.equal('5,000');
    await sendKeys({ press: 'Enter' });
    await until(() => dialog.textContent!.includes('되돌릴 수 없습니다'), 'the confirmation');
    expect(dialog.textContent).to.include(`${link.goodsName} 15,000원에서 5,000원을 환불합니다.`);
    expect(dialog.textContent).to.include('환불은 되돌릴 수 없습니다.');
    expect(text(list, 'dialog [part~="confirm"]')).to.equal('5,000원 환불하기');
    expect(list.shadowRoot!.activeElement!.getAttribute('part')).to.equal('button confirm');

    await sendKeys({ press: 'Enter' });
    // The stream may show it before the answer does; the event follows the answer.
    await until(() => cell(row, 'state') === '부분 환불' && refunded.length > 0, 'partly refunded');
    expect(refunded.map((event) => event.detail.amount)).to.deep.equal([5_000]);

    // The rest, while KICC is down: the dialog says so in the server's words, and nothing changes.
    await server.fault('kicc', { mode: 'http500', times: 1 });
    button(row, 'refund')!.click();
    const again = await openDialog(list);
    expect(again.textContent).to.include('전액 10,000원');
    $(list, 'dialog [part~="next"]').click();
    await until(() => list.shadowRoot!.querySelector('dialog [part~="confirm"]'), 'the confirmation');
    $(list, 'dialog [part~="confirm"]').click();
    await until(() => list.shadowRoot!.querySelector('dialog [role="alert"]'), 'the answer');
    expect(text(list, 'dialog [role="alert"]')).to.equal('결제사에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.');
    expect(refunded).to.have.length(1);
    expect(cell(row, 'state')).to.equal('부분 환불');
  });

  it('shows the QR code again and copies the link', async () => {
    await server.grantClipboard();
    const link = await makeLink({ provider: 'paywelcome', amount: 2_000, goodsName: product('QR') });
    const list = await mountList();
    const row = await rowOf(list, link.id);
    button(row, 'qr')!.click();
    const dialog = await openDialog(list);
    const svg = await until(() => dialog.querySelector<SVGSVGElement>('svg[part="qr-code"]'), 'the QR');
    expect(svg.getAttribute('aria-label')).to.equal('2,000원 결제용 QR 코드');
    expect(await decodeQr(svg)).to.equal(link.shortUrl);
    dialog.querySelector<HTMLButtonElement>('[part~="close"]')!.click();
    await until(() => !dialog.open, 'closed');

    button(row, 'copy')!.click();
    await until(() => text(list, '[role="status"]') === '링크를 복사했습니다', 'copied');
    expect(await navigator.clipboard.readText()).to.equal(link.shortUrl);
  });

  it('has the provider text a link again, where it can', async () => {
    const texted = await makeLink({ provider: 'kicc', amount: 3_300, goodsName: product('문자'), delivery: 'provider-sms', customer: { phone: '010-7777-8888' } });
    const handed = await makeLink({ provider: 'paywelcome', amount: 3_300, goodsName: product('문자 없음') });
    const list = await mountList();
    expect(button(await rowOf(list, handed.id), 'resend')).to.equal(null);
    const resent = nextEvent(list, 'pay-link-resent');
    button(await rowOf(list, texted.id), 'resend')!.click();
    expect((await resent).detail.link.id).to.equal(texted.id);
    await until(() => text(list, '[role="status"]') === '고객에게 문자를 다시 보냈습니다', 'announced');
  });
});

describe('with widget tokens', () => {
  it('lists a till’s own links, live over a stream ticket; a customer’s token is told it may not', async () => {
    const [till, other] = await Promise.all([server.token({ role: 'staff', sub: 'till-7' }), server.token({ role: 'staff', sub: 'till-8' })]);
    const theirs = await makeLink({ provider: 'kicc', amount: 1_100, goodsName: product('다른 계산대') }, { base: tokenEndpoint, token: other });
    await server.recordRequests();
    const list = await mountList({ endpoint: tokenEndpoint, token: till });
    // Made after the list opened: it comes on the stream.
    const mine = await makeLink({ provider: 'kicc', amount: 2_200, goodsName: product('내 계산대'), customer: { phone: '010-2222-3333' } }, { base: tokenEndpoint, token: till });
    const row = await rowOf(list, mine.id);
    expect(cell(row, 'phone')).to.equal('010-****-3333');
    await server.pay(mine.url!);
    await until(() => cell(row, 'state') === '결제 완료', 'paid, live');
    expect(list.shadowRoot!.querySelector(`[data-id="${theirs.id}"]`)).to.equal(null);
    const paidCount = (await summary(tokenEndpoint, till)).total.paid.count;
    expect(paidCount).to.be.greaterThan(0);
    await until(() => totals(list).includes(`결제 ${paidCount}건`), 'the till’s totals');
    // The token went in headers; the stream's address carried only a ticket.
    const stream = (await server.recordedRequests()).find((request) => request.method === 'GET' && request.url.includes('/api/links/events'))!;
    expect(stream.url).to.match(/\/api\/links\/events\?ticket=[\w-]+\.[\w-]+$/);
    expect(stream.url).to.not.include(till);

    const customer = await mountList({ endpoint: tokenEndpoint, token: await server.token({ sub: 'checkout' }) });
    expect(text(customer, '[role="alert"] p')).to.equal('이 토큰으로는 할 수 없는 작업입니다. 직원 또는 가맹점 권한이 필요합니다.');
  });
});

describe('fit and finish', () => {
  it('speaks English', async () => {
    const link = await makeLink({ provider: 'kicc', amount: 5_000, goodsName: product('Tea') });
    const list = await mountList({ lang: 'en' });
    const row = await rowOf(list, link.id);
    expect(text(list, '[part="title"]')).to.equal('Today’s requests');
    expect(cell(row, 'state')).to.equal('Waiting');
    expect(cell(row, 'time')).to.equal('just now');
    expect(cell(row, 'provider')).to.equal('via KICC');
    expect(button(row, 'cancel')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Cancel request · ${link.goodsName} ₩5,000`);
  });

  it('has touch-sized buttons in POS mode', async () => {
    const link = await makeLink({ provider: 'kicc', amount: 5_000, goodsName: product('POS') });
    const list = await mountList({ mode: 'pos' });
    const controls = buttons(await rowOf(list, link.id));
    expect(controls.length).to.be.greaterThan(0);
    for (const control of controls) expect(control.getBoundingClientRect().height).to.be.at.least(48);
  });

  it('has no axe violations, with rows of every kind and with a dialog open, in light and dark', async () => {
    const paid = await makeLink({ provider: 'kicc', amount: 9_000, goodsName: product('접근성'), customer: { phone: '010-1111-2222' } });
    await server.pay(paid.url!);
    const cancelled = await makeLink({ provider: 'paywelcome', amount: 1_000, goodsName: product('접근성 취소') });
    await fetch(`${endpoint}/api/links/${cancelled.id}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await makeLink({ provider: 'kicc', amount: 1_000, goodsName: product('접근성 대기') });
    const list = await mountList();
    await until(() => cell(list.shadowRoot!.querySelector(`[data-id="${paid.id}"]`)!, 'state') === '결제 완료', 'paid');
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      expect(await accessibilityViolations(list), scheme).to.deep.equal([]);
    }
    button(await rowOf(list, paid.id), 'refund')!.click();
    await openDialog(list);
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      expect(await accessibilityViolations(list), `${scheme}, refund dialog`).to.deep.equal([]);
    }
  });

  it('scrolls nothing sideways at 320 pixels, dialog included', async () => {
    await setViewport({ width: 320, height: 640 });
    const link = await makeLink({
      provider: 'kicc',
      amount: 999_999_999,
      goodsName: product('아주 긴 상품명이 들어간 정기 배송 주문'),
      delivery: 'provider-sms',
      customer: { phone: '010-9999-0000' },
    });
    const list = await mountList({ lang: 'en' });
    await rowOf(list, link.id);
    const fits = () => document.documentElement.scrollWidth <= 320 && list.scrollWidth <= list.clientWidth;
    expect(fits()).to.equal(true);
    button(await rowOf(list, link.id), 'cancel')!.click();
    const dialog = await openDialog(list);
    expect(dialog.getBoundingClientRect().right).to.be.at.most(320);
    expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
    expect(fits()).to.equal(true);
  });
});
