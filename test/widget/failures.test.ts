/** When the network or the provider fails: retries with the same key, server field errors, outcomes not known. */

import { expect } from 'chai';
import { $, $$, createLink, endpoint, fill, mount, nextEvent, server, text, unmountAll, until } from '../support/widget-harness.js';

afterEach(async () => {
  unmountAll();
  await server.offline(false);
  await server.fault('kicc', null);
});

const submit = (element: HTMLElement & { shadowRoot: ShadowRoot | null }) => element.shadowRoot!.querySelector<HTMLElement>('[part~="submit"]')!.click();
/** The `POST /api/links` the browser sent since `server.recordRequests()`, once there are `count` of them (DevTools reports them a moment later). */
const creations = (count: number) =>
  until(async () => {
    const posts = (await server.recordedRequests()).filter((request) => request.method === 'POST' && request.url === `${endpoint}/api/links`);
    return posts.length >= count ? posts : undefined;
  }, `${count} link requests`);

describe('a network failure', () => {
  it('offline: shows a retry that keeps the input, and the retry reuses the Idempotency-Key for exactly one link', async () => {
    const element = await mount({ provider: 'kicc' });
    await fill(element, { amount: '15000', goodsName: '오프라인 주문' });
    await server.recordRequests();
    const before = await server.counts();

    await server.offline(true);
    const failed = nextEvent(element, 'pay-link-error');
    submit(element);
    expect((await failed).detail).to.deep.equal({ code: 'offline', message: '인터넷에 연결되어 있지 않습니다. 연결되면 다시 시도해 주세요.', retryable: true });
    await element.updateComplete;
    expect(text(element, '[role="alert"] p')).to.equal('인터넷에 연결되어 있지 않습니다. 연결되면 다시 시도해 주세요.');
    expect($<HTMLInputElement>(element, '#amount').value).to.equal('15,000');

    await server.offline(false);
    const created = nextEvent(element, 'pay-link-created');
    $(element, '[part~="retry"]').click();
    const { link } = (await created).detail;
    expect(link.amount).to.equal(15000);

    const posts = await creations(2);
    expect(posts).to.have.length(2);
    expect(posts[0]!.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
    expect(posts[1]!.headers['idempotency-key']).to.equal(posts[0]!.headers['idempotency-key']);
    const after = await server.counts();
    expect(after.kiccRegistrations - before.kiccRegistrations).to.equal(1);
  });

  it('an answer lost on the way back: the retry gets the same link, registered once', async () => {
    const element = await mount({ provider: 'kicc' });
    await fill(element, { amount: '9900', goodsName: '응답 유실' });
    await server.recordRequests();
    const before = await server.counts();

    await server.loseNextResponse('POST', `${endpoint}/api/links`);
    const failed = nextEvent(element, 'pay-link-error');
    submit(element);
    expect((await failed).detail).to.include({ code: 'network_error', retryable: true });
    // The provider did register it: the server has the answer, the browser does not.
    expect((await server.counts()).kiccRegistrations - before.kiccRegistrations).to.equal(1);

    const created = nextEvent(element, 'pay-link-created');
    $(element, '[part~="retry"]').click();
    await created;
    const posts = await creations(2);
    expect(posts.map((post) => post.headers['idempotency-key'])).to.deep.equal([posts[0]!.headers['idempotency-key'], posts[0]!.headers['idempotency-key']]);
    expect((await server.counts()).kiccRegistrations - before.kiccRegistrations).to.equal(1);
  });

  it('a changed input after a failure is a new request with a new key', async () => {
    const element = await mount({ provider: 'kicc' });
    await fill(element, { amount: '1000', goodsName: '수정' });
    await server.recordRequests();
    await server.offline(true);
    const failed = nextEvent(element, 'pay-link-error');
    submit(element);
    await failed;
    await server.offline(false);
    await fill(element, { amount: '0' }); // 10,000 now
    const created = nextEvent(element, 'pay-link-created');
    submit(element);
    expect((await created).detail.link.amount).to.equal(10000);
    const [first, second] = await creations(2);
    expect(second!.headers['idempotency-key']).not.to.equal(first!.headers['idempotency-key']);
  });
});

describe('the provider failing', () => {
  it('a retryable provider error shows the server\'s words and a retry that succeeds', async () => {
    const element = await mount({ provider: 'kicc' });
    await fill(element, { amount: '7000', goodsName: '결제사 장애' });
    // Down for longer than the backend's own retries last.
    await server.fault('kicc', { mode: 'http500' });
    const failed = nextEvent(element, 'pay-link-error');
    submit(element);
    expect((await failed).detail).to.deep.equal({ code: 'provider_unavailable', message: '결제사에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.', retryable: true });
    await element.updateComplete;
    expect(text(element, '[role="alert"] p')).to.equal('결제사에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.');
    await server.fault('kicc', null);
    const created = nextEvent(element, 'pay-link-created');
    $(element, '[part~="retry"]').click();
    expect((await created).detail.link.goodsName).to.equal('결제사 장애');
  });

  it('an outcome the provider left unknown is followed, never retried blindly', async () => {
    const element = await mount({ provider: 'kicc', lang: 'en' });
    await fill(element, { amount: '6000', goodsName: 'Timeout' });
    await server.recordRequests();
    await server.fault('kicc', { mode: 'timeout', delayMs: 2500, times: 1 });
    const failed = nextEvent(element, 'pay-link-error');
    submit(element);
    const { detail } = await failed;
    expect(detail).to.deep.include({ code: 'provider_timeout', retryable: false });
    await until(() => element.shadowRoot!.querySelector('#result-title'), 'the result');
    expect(text(element, '#result-title')).to.equal('Checking with the payment provider');
    expect($$(element, '[part~="retry"]')).to.have.length(0);
    // It follows that very link, over its event stream.
    const followed = await until(async () => (await server.recordedRequests()).find((request) => request.method === 'GET'), 'a GET of the link', 8000);
    expect(followed.url).to.match(new RegExp(`^${endpoint}/api/links/[^/]+/events$`));
  });
});

describe('errors from the server', () => {
  it('are shown on their fields: an order number already used', async () => {
    const orderId = `W${Date.now()}`;
    const first = await mount({ provider: 'kicc', 'order-id': orderId });
    await createLink(first);

    const second = await mount({ provider: 'kicc', 'order-id': orderId });
    const failed = nextEvent(second, 'pay-link-error');
    await fill(second, { amount: '1000', goodsName: '중복' });
    submit(second);
    expect((await failed).detail).to.include({ code: 'duplicate_order_id', retryable: false });
    await second.updateComplete;
    await second.updateComplete;
    const field = $<HTMLInputElement>(second, '#order-id');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.equal('order-id-error');
    expect(text(second, '#order-id-error')).to.equal('이미 사용한 주문번호입니다.');
    expect(second.shadowRoot!.activeElement).to.equal(field);
    expect($$(second, '[part~="retry"]')).to.have.length(0);

    await fill(second, { orderId: 'X' });
    expect($$(second, '#order-id-error')).to.have.length(0);
  });

  it('are worded in the element\'s language', async () => {
    const orderId = `E${Date.now()}`;
    await createLink(await mount({ provider: 'kicc', 'order-id': orderId }));
    const element = await mount({ provider: 'kicc', 'order-id': orderId, lang: 'en' });
    const failed = nextEvent(element, 'pay-link-error');
    await fill(element, { amount: '1000', goodsName: 'Twice' });
    submit(element);
    expect((await failed).detail.message).to.equal('This order number has been used already.');
    await element.updateComplete;
    expect(text(element, '#order-id-error')).to.equal('This order number has been used already.');
  });
});

describe('the request', () => {
  it('carries the token as a bearer credential, and the language', async () => {
    const element = await mount({ provider: 'kicc', token: 'merchant-token-1', lang: 'en' });
    await server.recordRequests();
    await createLink(element);
    const [post] = await creations(1);
    expect(post!.headers).to.include({ authorization: 'Bearer merchant-token-1', 'accept-language': 'en', 'content-type': 'application/json' });
  });
});
