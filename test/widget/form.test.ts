/** The form as staff type into it: formatting, byte counting, validation, languages, accessibility. */

import { emulateMedia } from '@web/test-runner-commands';
import { expect } from 'chai';
import { $, $$, accessibilityViolations, mount, server, text, type, unmountAll, until } from '../support/widget-harness.js';

afterEach(unmountAll);

const input = (element: HTMLElement & { shadowRoot: ShadowRoot | null }, id: string) => element.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;

describe('typing', () => {
  it('groups the amount as it is typed, reads it back in Korean, and writes won as Korean does', async () => {
    const element = await mount();
    await type(element, '#amount', '12000');
    expect(input(element, 'amount').value).to.equal('12,000');
    expect(input(element, 'amount').inputMode).to.equal('numeric');
    expect(text(element, '#amount-hint')).to.equal('1만 2천원');
    expect(text(element, '[part~="submit"]')).to.equal('12,000원 결제 링크 만들기');
  });

  it('keeps the caret where digits are inserted into a grouped amount', async () => {
    const element = await mount();
    await type(element, '#amount', '1000');
    input(element, 'amount').setSelectionRange(1, 1); // after "1" of "1,000"
    await type(element, '#amount', '2');
    expect(input(element, 'amount').value).to.equal('12,000');
    expect(input(element, 'amount').selectionStart).to.equal(2);
  });

  it('ignores letters in the amount', async () => {
    const element = await mount();
    await type(element, '#amount', '5a0x0');
    expect(input(element, 'amount').value).to.equal('500');
  });

  it('puts dashes in the phone number as it is typed', async () => {
    const element = await mount();
    await type(element, '#phone', '0101234');
    expect(input(element, 'phone').value).to.equal('010-1234');
    await type(element, '#phone', '5678');
    expect(input(element, 'phone').value).to.equal('010-1234-5678');
  });

  it('refuses an invalid phone once the field is left, tied to the input for screen readers', async () => {
    const element = await mount();
    await type(element, '#phone', '0201234567');
    input(element, 'phone').blur();
    await element.updateComplete;
    expect(input(element, 'phone').getAttribute('aria-invalid')).to.equal('true');
    expect(input(element, 'phone').getAttribute('aria-describedby')).to.equal('phone-error');
    expect(text(element, '#phone-error')).to.equal('휴대폰 번호가 올바르지 않습니다. 예: 010-1234-5678');
  });

  it('does not scold an empty field the user only tabbed through', async () => {
    const element = await mount();
    input(element, 'amount').focus();
    input(element, 'amount').blur();
    await element.updateComplete;
    expect($$(element, '.error')).to.have.length(0);
  });

  it('sends nothing and points at the problems when required fields are empty', async () => {
    const element = await mount();
    let sent = false;
    element.addEventListener('pay-link-error', () => (sent = true));
    $(element, '[part~="submit"]').click();
    await element.updateComplete;
    await element.updateComplete;
    expect(text(element, '#amount-error')).to.equal('금액을 입력해 주세요.');
    expect(text(element, '#goods-name-error')).to.equal('상품명을 입력해 주세요.');
    expect(element.shadowRoot!.activeElement).to.equal(input(element, 'amount'));
    expect(sent).to.equal(false);
  });
});

describe('the product name byte counter', () => {
  const syllables = (count: number) => '가'.repeat(count);

  it('a Korean product name of 21 syllables is refused for PayWelcome (40 bytes) before submit', async () => {
    const element = await mount({ provider: 'paywelcome' });
    await type(element, '#goods-name', syllables(21));
    expect(text(element, '[part="counter"]')).to.equal('42 / 40바이트');
    expect(text(element, '#goods-name-error')).to.equal('상품명이 너무 깁니다: 42바이트 / 최대 40바이트 (한글은 한 글자에 2바이트).');
    expect(input(element, 'goods-name').getAttribute('aria-invalid')).to.equal('true');
  });

  it('the same 21 syllables fit KICC (50 bytes)', async () => {
    const element = await mount({ provider: 'kicc' });
    await type(element, '#goods-name', syllables(21));
    expect(text(element, '[part="counter"]')).to.equal('42 / 50바이트');
    expect(element.shadowRoot!.querySelector('#goods-name-error')).to.equal(null);
  });

  it('26 syllables are refused for KICC, in English on an English page', async () => {
    const element = await mount({ provider: 'kicc', lang: 'en' });
    await type(element, '#goods-name', syllables(26));
    expect(text(element, '[part="counter"]')).to.equal('52 / 50 bytes');
    expect(text(element, '#goods-name-error')).to.equal('Product name is too long: 52 of 50 bytes (each Korean letter counts as 2).');
  });

  it('counts against the smaller limit when the backend picks the provider', async () => {
    const element = await mount();
    await type(element, '#goods-name', 'ab');
    expect(text(element, '[part="counter"]')).to.equal('2 / 40바이트');
  });
});

describe('attributes', () => {
  it('prefill the form, and readonly fixes amount and product', async () => {
    const element = await mount({ amount: '35000', 'goods-name': '정기 점검', phone: '01098765432', 'order-id': 'A-1', readonly: true });
    expect(input(element, 'amount').value).to.equal('35,000');
    expect(input(element, 'amount').readOnly).to.equal(true);
    expect(input(element, 'goods-name').readOnly).to.equal(true);
    expect(input(element, 'phone').value).to.equal('010-9876-5432');
    expect(input(element, 'phone').readOnly).to.equal(false);
    expect(input(element, 'order-id').value).to.equal('A-1');
  });

  it('offers "provider sends SMS" only for a provider that can', async () => {
    const kicc = await mount({ provider: 'kicc' });
    expect($$(kicc, 'input[name="delivery"]')).to.have.length(2);
    const paywelcome = await mount({ provider: 'paywelcome' });
    expect($$(paywelcome, 'input[name="delivery"]')).to.have.length(0);
  });

  it('make the phone required when the provider is to text the link', async () => {
    const element = await mount({ provider: 'kicc', delivery: 'provider-sms', amount: '1000', 'goods-name': '상품' });
    expect(text(element, 'label[for="phone"]')).to.equal('고객 휴대폰 번호');
    $(element, '[part~="submit"]').click();
    await element.updateComplete;
    expect(text(element, '#phone-error')).to.equal('문자로 보내려면 고객 휴대폰 번호가 필요합니다.');
  });
});

describe('language', () => {
  it('speaks English with lang="en"', async () => {
    const element = await mount({ lang: 'en', provider: 'kicc' });
    await type(element, '#amount', '12000');
    expect(text(element, 'label[for="amount"]')).to.equal('Amount');
    expect(text(element, 'label[for="goods-name"]')).to.equal('Product name');
    expect(text(element, 'label[for="phone"]')).to.equal('Customer mobile number (optional)');
    expect(text(element, 'legend')).to.equal('Delivery');
    expect(text(element, '[part~="submit"]')).to.equal('Create a ₩12,000 payment link');
  });

  it('follows the language of the page around it when it has none itself', async () => {
    const section = document.createElement('section');
    section.lang = 'en-GB';
    document.body.append(section);
    const element = await mount({ lang: false });
    section.append(element);
    element.requestUpdate();
    await until(() => text(element, 'label[for="amount"]') === 'Amount', 'English labels');
    section.remove();
  });
});

describe('accessibility', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('the form has no axe violations, with errors showing too, in light and dark', async () => {
    const element = await mount({ provider: 'kicc' });
    expect(await accessibilityViolations(element)).to.deep.equal([]);
    $(element, '[part~="submit"]').click();
    await element.updateComplete;
    expect(await accessibilityViolations(element)).to.deep.equal([]);
    await emulateMedia({ colorScheme: 'dark' });
    expect(await accessibilityViolations(element)).to.deep.equal([]);
  });

  it('labels every control', async () => {
    const element = await mount({ provider: 'kicc' });
    for (const control of $$(element, 'input')) {
      const labelled = control.id ? element.shadowRoot!.querySelector(`label[for="${control.id}"]`) : control.closest('label');
      expect(labelled, `a label for ${control.outerHTML}`).to.exist;
    }
  });
});

describe('amounts that are not whole won', () => {
  for (const typed of ['12.5', '1e5']) {
    it(`"${typed}" is refused with a message as it is typed, never read as other digits`, async () => {
      const element = await mount({ provider: 'kicc', 'goods-name': '커피' });
      let sent = false;
      element.addEventListener('pay-link-created', () => (sent = true));
      await type(element, '#amount', typed);
      expect(input(element, 'amount').value).to.equal(typed);
      expect(text(element, '#amount-error')).to.equal('금액은 원 단위 정수로 입력해 주세요. 소수점이나 지수 표기는 쓸 수 없습니다.');
      expect(text(element, '[part~="submit"]')).to.equal('결제 링크 만들기');
      $(element, '[part~="submit"]').click();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sent).to.equal(false);
      expect(element.shadowRoot!.activeElement).to.equal(input(element, 'amount'));
    });
  }

  it('the button names an amount only when it can be sent', async () => {
    const element = await mount({ provider: 'kicc' });
    await type(element, '#amount', '50');
    expect(text(element, '[part~="submit"]')).to.equal('결제 링크 만들기');
    expect($$(element, '#amount-hint')).to.have.length(0);
    await type(element, '#amount', '0');
    expect(text(element, '[part~="submit"]')).to.equal('500원 결제 링크 만들기');
  });
});

describe('a pasted number', () => {
  it('"+82 10 1234 5678" becomes 010-1234-5678', async () => {
    await server.grantClipboard();
    await navigator.clipboard.writeText('+82 10 1234 5678');
    const element = await mount({ provider: 'kicc' });
    input(element, 'phone').focus();
    await server.paste();
    await element.updateComplete;
    expect(input(element, 'phone').value).to.equal('010-1234-5678');
  });

  it('typed with a leading +82 too', async () => {
    const element = await mount({ provider: 'kicc' });
    await type(element, '#phone', '+821098765432');
    expect(input(element, 'phone').value).to.equal('010-9876-5432');
  });
});

describe('Korean as written', () => {
  it('counts the bytes it can, and marks what no provider can take', async () => {
    const element = await mount({ provider: 'kicc' });
    await type(element, '#goods-name', '딸기 케이크 🍰');
    expect(text(element, '[part="counter"]')).to.equal('12 / 50바이트 (🍰 제외)');
    expect(text(element, '#goods-name-error')).to.equal('상품명에 결제사가 받을 수 없는 문자 “🍰”이(가) 있습니다.');
  });

  it('spaces the "optional" note, and keeps words whole when lines wrap', async () => {
    const element = await mount({ provider: 'kicc' });
    expect(text(element, 'label[for="order-id"]')).to.equal('주문번호 (선택)');
    expect(getComputedStyle(element).wordBreak).to.equal('keep-all');
  });
});
