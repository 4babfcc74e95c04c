/** The request form: amount, product name, customer phone, order number, delivery. */

import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { Delivery } from '../core/link.js';
import { formatGrouped, formatWonIn, isValidAmount, parseWon, readWon } from '../core/money.js';
import type { Draft } from './draft.js';
import { textField } from './field.js';
import type { FormMessages } from './messages/index.js';

/** A request that failed, as staff see it. */
export interface Failure {
  message: string;
  retryable: boolean;
  /** Epoch ms before which the same request would be refused again (the server's `Retry-After`): no retry until then. */
  retryAt?: number;
}

export interface FormContext {
  t: FormMessages;
  locale: 'ko' | 'en';
  /** Field labels, shared with the server's messages. */
  labels: Record<string, string>;
  draft: Draft;
  /** The amount as the request will carry it: whole won, NaN when refused, `undefined` while none is typed. */
  amount: number | undefined;
  /** The message to show on each field, if any. */
  errors: Partial<Record<keyof Draft, string>>;
  /** A product name that older payment screens may garble. */
  warning?: string;
  /** The product name's bytes; `uncounted`: characters no provider can take. */
  goodsBytes: { used: number; uncounted: string[]; limit: number };
  /** Used when the product name is left empty; it is required when there is none. */
  defaultGoodsName: string | undefined;
  /** Amount and product name are fixed by the page. */
  fixed: boolean;
  canText: boolean;
  busy: boolean;
  failure?: Failure;
  onInput: (field: keyof Draft, input: HTMLInputElement) => void;
  onBlur: (field: keyof Draft) => void;
  onSubmit: () => void;
  onRetry: () => void;
}

/** One field of the draft, wired to the form's handlers. */
export const fieldOf = (c: FormContext, name: keyof Draft) => ({
  value: c.draft[name],
  error: c.errors[name],
  onInput: (input: HTMLInputElement) => c.onInput(name, input),
  onBlur: () => c.onBlur(name),
});

/** The amount read back as staff would say it ("1만 2천원"), or in English as written; nothing while it is not a valid amount. */
export const amountHint = (c: Pick<FormContext, 'amount' | 'locale'>) =>
  c.amount !== undefined && isValidAmount(c.amount) ? (c.locale === 'ko' ? readWon(c.amount) : formatWonIn(c.amount, 'en')) : undefined;

export function renderForm(c: FormContext): TemplateResult {
  const { t, labels } = c;
  return html`<form part="form" novalidate aria-busy=${c.busy ? 'true' : 'false'} @submit=${(event: Event) => (event.preventDefault(), c.onSubmit())}>
    ${textField({
      ...fieldOf(c, 'amount'),
      id: 'amount',
      label: labels.amount!,
      inputmode: 'numeric',
      suffix: t.won,
      placeholder: '0',
      maxlength: 15,
      readonly: c.fixed,
      hint: amountHint(c),
    })}
    ${renderGoodsName(c)} ${renderPhone(c)} ${renderOrderId(c)} ${c.canText ? renderDelivery(c) : nothing}
    ${c.failure ? renderAlert(t, c.failure, c.onRetry) : nothing} ${renderSubmit(c)}
  </form>`;
}

export function renderGoodsName(c: FormContext): TemplateResult {
  const { t, goodsBytes: bytes } = c;
  return textField({
    ...fieldOf(c, 'goodsName'),
    id: 'goods-name',
    label: c.labels.goodsName!,
    note: c.defaultGoodsName ? t.optional : undefined,
    placeholder: c.defaultGoodsName,
    readonly: c.fixed,
    hint: html`<span>${c.warning}</span>
      ${Number.isFinite(bytes.limit)
        ? html`<span class=${bytes.used > bytes.limit || bytes.uncounted.length ? 'over' : ''} part="counter">${t.bytes(bytes.used, bytes.limit, bytes.uncounted)}</span>`
        : ''}`,
  });
}

export function renderPhone(c: FormContext): TemplateResult {
  return textField({
    ...fieldOf(c, 'phone'),
    id: 'phone',
    label: c.labels['customer.phone']!,
    note: c.draft.delivery === 'provider-sms' && c.canText ? undefined : c.t.optional,
    type: 'tel',
    inputmode: 'tel',
    placeholder: '010-1234-5678',
  });
}

export const renderOrderId = (c: FormContext): TemplateResult =>
  textField({ ...fieldOf(c, 'orderId'), id: 'order-id', label: c.labels.orderId!, note: c.t.optional, maxlength: 40 });

/** The submit button; its label names the amount only when it is one that can be sent. */
export function renderSubmit(c: FormContext): TemplateResult {
  const { t } = c;
  const valid = c.amount !== undefined && isValidAmount(c.amount);
  return html`<button class="primary" part="button submit" type="submit" aria-disabled=${c.busy ? 'true' : 'false'}>
    ${c.busy ? t.submitting : t.submit(valid ? formatWonIn(c.amount!, c.locale) : undefined)}
  </button>`;
}

export function renderDelivery(c: FormContext): TemplateResult {
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

/** A failed request, with a retry button when the same request may succeed (once any wait the server asked for is over). */
export function renderAlert(t: FormMessages, failure: Failure, onRetry: () => void): TemplateResult {
  const waitMs = (failure.retryAt ?? 0) - Date.now();
  return html`<div class="alert" role="alert" part="alert">
    <p>${failure.message}</p>
    ${waitMs > 0 ? html`<p>${t.retryIn(t.duration(Math.ceil(waitMs / 1000)))}</p>` : nothing}
    ${failure.retryable && waitMs <= 0 ? html`<button type="button" part="button retry" @click=${onRetry}>${t.retry}</button>` : nothing}
  </div>`;
}

/** `12000` typed → `12,000` shown; a decimal point or an exponent is left as typed, for the form to refuse, never read as other digits. */
export const formatAmountInput = (raw: string): string => {
  if (/[.eE]/.test(raw)) return raw;
  const won = parseWon(raw);
  return won === null ? '' : formatGrouped(won);
};
