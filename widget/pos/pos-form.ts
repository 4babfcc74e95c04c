/**
 * The counter's form: the amount large, read back in words, typed on an
 * on-screen keypad or a hardware keyboard; the product name optional (a
 * default stands in); phone, order number and delivery folded away under
 * "more", opened by itself when one of them has a problem.
 */

import { html, nothing, type TemplateResult } from 'lit/html.js';
import { textField } from '../field.js';
import { amountHint, fieldOf, renderAlert, renderDelivery, renderGoodsName, renderOrderId, renderPhone, renderSubmit, type FormContext } from '../form-view.js';
import { keyOf, press, renderKeypad, type Key } from './keypad.js';
import { posMessages } from './messages.js';

export interface PosFormHooks {
  /** Sets the amount as the keypad left it (digits only). */
  setAmount: (digits: string) => void;
}

export function renderPosForm(c: FormContext, hooks: PosFormHooks): TemplateResult {
  const p = posMessages(c.locale);
  const key = (pressed: Key) => hooks.setAmount(press(c.draft.amount, pressed));
  const reading = amountHint(c);
  const moreHasProblem = !!(c.errors.phone || c.errors.orderId || c.errors.delivery);
  const moreFilled = !!(c.draft.phone || c.draft.orderId || c.draft.delivery !== 'none');

  // A key pressed anywhere in the form but a text field (a keypad button, the "more" toggle) goes to the amount.
  const onKeydown = (event: KeyboardEvent) => {
    const target = event.composedPath()[0];
    if (target instanceof HTMLInputElement && target.type !== 'radio') return;
    if (c.fixed) return;
    const pressed = keyOf(event);
    if (!pressed) return;
    event.preventDefault();
    key(pressed);
  };

  return html`<form part="form" class="pos-form" novalidate aria-busy=${c.busy ? 'true' : 'false'} @keydown=${onKeydown}
    @submit=${(event: Event) => (event.preventDefault(), c.onSubmit())}>
    <div class="entry">
      ${textField({
        ...fieldOf(c, 'amount'),
        id: 'amount',
        label: c.labels.amount!,
        // The keypad is on screen: no system keyboard over it on a tablet; a hardware one still types.
        inputmode: 'none',
        suffix: c.t.won,
        placeholder: '0',
        maxlength: 15,
        readonly: c.fixed,
        hint: reading ? html`<span part="reading">${reading}</span>` : undefined,
      })}
      ${renderGoodsName(c)}
    </div>
    ${c.fixed ? nothing : renderKeypad(p, key)}
    <div class="finish">
      <details part="more" ?open=${moreHasProblem || moreFilled}>
        <summary>${p.more}</summary>
        ${renderPhone(c)} ${renderOrderId(c)} ${c.canText ? renderDelivery(c) : nothing}
      </details>
      ${c.failure ? renderAlert(c.t, c.failure, c.onRetry) : nothing} ${renderSubmit(c)}
    </div>
  </form>`;
}
