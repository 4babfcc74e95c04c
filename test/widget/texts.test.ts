/**
 * Links the provider texts: the number in full for whoever typed it, "wrong
 * number?" cancelling and texting the corrected one, and a number's text
 * limit named with its wait rather than a retry that fails again.
 */

import { expect } from 'chai';
import type { PaymentLink } from '../../core/link.js';
import { $, $$, createLink, endpoint, fill, mount, nextEvent, server, text, type, unmountAll, until } from '../support/widget-harness.js';

afterEach(unmountAll);

const read = async (id: string) => (await (await fetch(`${endpoint}/api/links/${id}`)).json()) as PaymentLink;
/** A number no other test texts, so its limit is this test's alone. */
const freshNumber = () => `0107${String(Date.now()).slice(-7)}`;

it('"wrong number?": the link to the mistyped number is cancelled, and the same sale texted to the corrected one', async () => {
  const wrong = freshNumber();
  const right = `0108${wrong.slice(4)}`;
  const element = await mount({ provider: 'kicc', delivery: 'provider-sms' });
  const first = await createLink(element, { amount: '32000', goodsName: '원두 1kg', phone: wrong });
  const shown = `${wrong.slice(0, 3)}-${wrong.slice(3, 7)}-${wrong.slice(7)}`;
  expect(text(element, '.sent')).to.match(new RegExp(`^${shown}(으로|로) 문자를 보냈습니다$`));

  $(element, '[part~="wrong-number"]').click();
  await until(() => element.shadowRoot!.activeElement?.id === 'corrected-phone', 'the corrected number, focused');
  expect($<HTMLInputElement>(element, '#corrected-phone').value).to.equal(shown);
  $<HTMLInputElement>(element, '#corrected-phone').select();
  await type(element, '#corrected-phone', right);
  const created = nextEvent(element, 'pay-link-created');
  $(element, '[part~="send-corrected"]').click();
  const second = (await created).detail.link;

  expect((await read(first.id)).status).to.equal('cancelled');
  expect(second).to.include({ amount: 32000, goodsName: '원두 1kg', delivery: 'provider-sms', status: 'active' });
  expect(second.customer.phone).to.equal(right);
  await element.updateComplete;
  // The particle follows the last digit as read: 영, 삼, 육 end in a consonant other than ㄹ and take 으로; the rest 로.
  const particle = '036'.includes(right.at(-1)!) ? '으로' : '로';
  expect(text(element, '.sent')).to.equal(`${right.slice(0, 3)}-${right.slice(3, 7)}-${right.slice(7)}${particle} 문자를 보냈습니다`);
  const outbox = await server.smsOutbox();
  expect(outbox.filter((sms) => sms.to === right)).to.have.length(1);
});

it('refuses a corrected number that is not a mobile number, sending nothing', async () => {
  const element = await mount({ provider: 'kicc', delivery: 'provider-sms' });
  const link = await createLink(element, { amount: '1000', goodsName: '차', phone: freshNumber() });
  $(element, '[part~="wrong-number"]').click();
  await until(() => element.shadowRoot!.querySelector('#corrected-phone'), 'the corrected number');
  $<HTMLInputElement>(element, '#corrected-phone').select();
  await type(element, '#corrected-phone', '0212345678');
  $(element, '[part~="send-corrected"]').click();
  await until(() => element.shadowRoot!.querySelector('#corrected-phone-error'), 'the refusal');
  expect(text(element, '#corrected-phone-error')).to.equal('휴대폰 번호가 올바르지 않습니다. 예: 010-1234-5678');
  expect((await read(link.id)).status).to.equal('active');
});

describe('a number texted too often', () => {
  /** Texts `count` links to `phone` through the API, as other tills would. */
  async function textMany(phone: string, count: number) {
    for (let sent = 0; sent < count; sent += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, count - sent) }, () =>
          fetch(`${endpoint}/api/links`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ provider: 'kicc', amount: 1000, goodsName: '문자', delivery: 'provider-sms', customer: { phone } }),
          }).then((response) => expect(response.status).to.equal(201)),
        ),
      );
    }
  }

  // The test backend allows 100 texts a minute to one number.
  const limit = /^이 번호로는 1분에 100건까지만 문자를 보낼 수 있습니다\. (\d+초|1분) 뒤에 다시 보내거나 링크를 직접 전달해 주세요\.$/;

  it('is told on the phone field: the limit is per number, and how long to wait; no retry that would fail again', async () => {
    const phone = freshNumber();
    await textMany(phone, 100);
    const element = await mount({ provider: 'kicc', delivery: 'provider-sms' });
    const failed = nextEvent(element, 'pay-link-error');
    await fill(element, { amount: '5000', goodsName: '케이크', phone });
    $(element, '[part~="submit"]').click();
    expect((await failed).detail).to.include({ code: 'rate_limited', retryable: true });
    await element.updateComplete;
    expect(text(element, '#phone-error')).to.match(limit);
    expect(element.shadowRoot!.activeElement).to.equal($(element, '#phone'));
    expect($$(element, '[part~="retry"], [role="alert"]')).to.have.length(0);
  });

  it('a resend says the same, and offers no retry until the wait is over', async () => {
    const phone = freshNumber();
    const element = await mount({ provider: 'kicc', delivery: 'provider-sms' });
    await createLink(element, { amount: '5000', goodsName: '케이크', phone });
    await textMany(phone, 99);
    const failed = nextEvent(element, 'pay-link-error');
    $(element, '[part~="resend"]').click();
    await failed;
    await until(() => element.shadowRoot!.querySelector('[role="alert"]'), 'the refusal');
    expect(text(element, '[role="alert"] p')).to.match(limit);
    expect(text(element, '[role="alert"]')).to.match(/(\d+초|1분) 뒤에 다시 시도할 수 있습니다\.$/);
    expect($$(element, '[part~="retry"]')).to.have.length(0);
  });
});
