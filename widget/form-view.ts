/** The request form: amount, product name, customer phone, order number, delivery. */

import { html, nothing, type TemplateResult } from 'lit';
import type { Delivery } from '../core/link.js';
import { formatGrouped, formatWon, parseWon } from '../core/money.js';
import type { Draft } from './draft.js';
import { textField } from './field.js';
import type { WidgetMessages } from './messages/index.js';

export interface FormContext {
  t: WidgetMessages;
  /** Field labels, shared with the server's messages. */
  labels: Record<string, string>;
  draft: Draft;
  /** The message to show on each field, if any. */
  errors: Partial<Record<keyof Draft, string>>;
  /** A product name that older payment screens may garble. */
  warning?: string;
  goodsBytes: { used: number | null; limit: number };
  /** Amount and product name are fixed by the page. */
  fixed: boolean;
  canText: boolean;
  busy: boolean;
  failure?: { message: string; retryable: boolean };
  onInput: (field: keyof Draft, input: HTMLInputElement) => void;
  onBlur: (field: keyof Draft) => void;
  onSubmit: () => void;
  onRetry: () => void;
}

export function renderForm(c: FormContext): TemplateResult {
  const { t, labels, draft, errors } = c;
  const amount = parseWon(draft.amount);
  const bytes = c.goodsBytes;
  const field = (name: keyof Draft) => ({
    value: draft[name],
    error: errors[name],
    onInput: (input: HTMLInputElement) => c.onInput(name, input),
    onBlur: () => c.onBlur(name),
  });

  return html`<form part="form" novalidate aria-busy=${c.busy ? 'true' : 'false'} @submit=${(event: Event) => (event.preventDefault(), c.onSubmit())}>
    ${textField({
      ...field('amount'),
      id: 'amount',
      label: labels.amount!,
      inputmode: 'numeric',
      suffix: t.won,
      placeholder: '0',
      maxlength: 15,
      readonly: c.fixed,
      hint: amount ? formatWon(amount) : undefined,
    })}
    ${textField({
      ...field('goodsName'),
      id: 'goods-name',
      label: labels.goodsName!,
      readonly: c.fixed,
      hint: html`<span>${c.warning}</span>
        ${Number.isFinite(bytes.limit)
          ? html`<span class=${bytes.used !== null && bytes.used > bytes.limit ? 'over' : ''} part="counter">${t.bytes(bytes.used ?? 0, bytes.limit)}</span>`
          : ''}`,
    })}
    ${textField({
      ...field('phone'),
      id: 'phone',
      label: labels['customer.phone']!,
      note: draft.delivery === 'provider-sms' && c.canText ? undefined : t.optional,
      type: 'tel',
      inputmode: 'tel',
      placeholder: '010-1234-5678',
    })}
    ${textField({ ...field('orderId'), id: 'order-id', label: labels.orderId!, note: t.optional, maxlength: 40 })}
    ${c.canText ? renderDelivery(c) : nothing}
    ${c.failure ? renderAlert(t, c.failure, c.onRetry) : nothing}
    <button class="primary" part="button submit" type="submit" aria-disabled=${c.busy ? 'true' : 'false'}>
      ${c.busy ? t.submitting : t.submit(amount ? formatWon(amount) : undefined)}
    </button>
  </form>`;
}

function renderDelivery(c: FormContext): TemplateResult {
  const choice = (value: Delivery, label: string) => html`<label class="choice">
    <input
      type="radio"
      name="delivery"
      part="radio"
      value=${value}
      .checked=${c.draft.delivery === value}
      @change=${(event: Event) => c.onInput('delivery', event.target as HTMLInputElement)}
    />
    ${label}
  </label>`;
  return html`<fieldset class="field" part="field delivery" aria-describedby=${c.errors.delivery ? 'delivery-error' : nothing}>
    <legend part="label">${c.labels.delivery}</legend>
    ${choice('none', c.t.deliveryNone)} ${choice('provider-sms', c.t.deliveryProvider)}
    ${c.errors.delivery ? html`<p id="delivery-error" class="error" part="error">${c.errors.delivery}</p>` : nothing}
  </fieldset>`;
}

/** A failed request, with a retry button when the same request may succeed. */
export function renderAlert(t: WidgetMessages, failure: { message: string; retryable: boolean }, onRetry: () => void): TemplateResult {
  return html`<div class="alert" role="alert" part="alert">
    <p>${failure.message}</p>
    ${failure.retryable ? html`<button type="button" part="button retry" @click=${onRetry}>${t.retry}</button>` : nothing}
  </div>`;
}

/** `12000` typed → `12,000` shown. */
export const formatAmountInput = (raw: string): string => {
  const won = parseWon(raw);
  return won === null ? '' : formatGrouped(won);
};
