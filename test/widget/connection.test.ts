/**
 * A lost connection the counter can see: while the server is down the
 * element says it is reconnecting (and stops claiming to wait live); when
 * it is back, "Paid" shows within two seconds and the event stream is open
 * again.
 */

import { expect } from 'chai';
import { createLink, endpoint, mount, nextEvent, server, text, unmountAll, until } from '../support/widget-harness.js';

afterEach(async () => {
  unmountAll();
  await server.start().catch(() => undefined); // back up, if a test left it down
});

const streamsOf = async (id: string) => (await server.recordedRequests()).filter((request) => request.url === `${endpoint}/api/links/${id}/events`).length;

it('says it is reconnecting while the server is down, and shows "Paid" within 2 s of its return, on a reopened stream', async () => {
  const element = await mount({ provider: 'kicc' });
  await server.recordRequests();
  const link = await createLink(element, { amount: '6500', goodsName: '아이스 아메리카노' });
  await until(async () => (await streamsOf(link.id)) === 1, 'the event stream');
  expect(text(element, '[part="status"]')).to.equal('결제를 기다리는 중');

  await server.stop();
  await until(() => text(element, '[part="status"]') === '서버와 연결이 끊겨 다시 연결하는 중입니다. 결제 상태가 늦게 보일 수 있습니다.', 'the reconnecting notice', 5000);
  // Down for a while: long enough for a widget that backs off to fall well behind.
  await new Promise((resolve) => setTimeout(resolve, 6000));
  expect(text(element, '[part="status"]')).to.match(/^서버와 연결이 끊겨/);

  // The customer paid at KICC meanwhile; KICC's notification lands as soon as the server is back.
  await server.start();
  const back = performance.now();
  const paid = nextEvent(element, 'pay-link-paid', 10_000);
  expect(await server.kiccPaid(link)).to.equal(200);
  await paid;
  // The event comes as the link changes; the heading with the element's next render, a moment after.
  await until(() => text(element, '#result-title') === '결제 완료', 'the paid heading', 2000);
  expect(performance.now() - back, 'ms from the server’s return to "Paid" on screen').to.be.below(2000);
});

it('reopens the stream once the server is back, rather than polling on', async () => {
  const element = await mount({ provider: 'kicc' });
  await server.recordRequests();
  const link = await createLink(element);
  await until(async () => (await streamsOf(link.id)) === 1, 'the event stream');
  await server.stop();
  await until(() => text(element, '[part="status"]').startsWith('서버와 연결이 끊겨'), 'the reconnecting notice', 5000);
  await server.start();
  await until(async () => (await streamsOf(link.id)) === 2, 'the stream opened again', 5000);
  await until(() => text(element, '[part="status"]') === '결제를 기다리는 중', 'waiting again');
  // Live: a change is pushed, not found by a poll.
  const before = (await server.recordedRequests()).length;
  expect(await server.open(link.shortUrl!)).to.equal(302);
  await until(() => text(element, '[part="status"]') === '고객이 링크를 열었습니다', 'the opened notice', 3000);
  const polls = (await server.recordedRequests()).slice(before).filter((request) => request.url === `${endpoint}/api/links/${link.id}`);
  expect(polls).to.deep.equal([]);
});
