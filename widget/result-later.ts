/**
 * What the result shows only after a later event: the paid view (its badge
 * and the payment's details), a cancelled link's note, the "wrong number"
 * form, the "still payable?" prompt, and a counter's way to its next sale.
 * Fetched once the QR code is on screen (link-view.ts), never before it: the
 * first QR waits for none of it.
 */

import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { PaymentLink } from '../core/link.js';
import { formatWonIn } from '../core/money.js';
import { renderAlert } from './form-view.js';
import { laterStyles } from './later-styles.js';
import { withLater } from './messages/ko-later.js';
import { providerName, type CounterView, type ResultContext } from './result-view.js';

const time = (c: Pick<ResultContext, 'locale'>, iso: string) => new Intl.DateTimeFormat(c.locale, { timeStyle: 'short' }).format(new Date(iso));

const until = (c: Pick<ResultContext, 'locale'>, link: PaymentLink) =>
  link.expiresAt ? new Intl.DateTimeFormat(c.locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(link.expiresAt)) : '';

/** Paid: the amount and time, and how it was paid. */
function renderPaid(c: ResultContext, link: PaymentLink): TemplateResult {
  const t = withLater(c.t);
  return html`<p class="state paid" part="status">${t.paidAt(formatWonIn(link.amount, c.locale), link.paidAt ? time(c, link.paidAt) : '')}</p>
    ${renderPayment(c, link)}`;
}

/** How it was paid, as the gateway said: what staff read back to the customer. */
function renderPayment(c: ResultContext, link: PaymentLink): TemplateResult | typeof nothing {
  const t = withLater(c.t);
  const payment = link.payment;
  if (!payment) return nothing;
  const row = (label: string, value: string | undefined) => (value ? html`<div><dt>${label}</dt><dd>${value}</dd></div>` : nothing);
  return html`<dl class="payment" part="payment">
    ${row(t.methodLabel, t.paymentMethods[payment.method])} ${row(t.issuerLabel, payment.cardIssuer)} ${row(t.approvalLabel, payment.approvalNo)}
  </dl>`;
}

/** A cancelled link's consequences: for good, or (`local`) only our short link. */
function renderCancelledNote(c: ResultContext, link: PaymentLink): TemplateResult {
  return html`<p class="note" part="status">${withLater(c.t).cancelledNote(c.cancelledLocally, providerName(c.t, link), until(c, link))}</p>`;
}

/** After "Paid" at a counter: the next sale in a few seconds, by itself, or now. */
function renderNext(next: NonNullable<CounterView['next']>): TemplateResult {
  return html`<div class="next" part="next">
    <p role="timer">${next.text}</p>
    <button class="primary" type="button" part="button new" @click=${next.onNow}>${next.now}</button>
  </div>`;
}

/** The number the provider texted was mistyped: cancel this link and text a new one to the number typed here. */
function renderCorrection(c: ResultContext, correcting: { phone: string; error?: string }): TemplateResult {
  const t = withLater(c.t);
  return html`<form class="correction" part="correction" novalidate @submit=${(event: Event) => (event.preventDefault(), c.onCorrect('submit'))}>
    <label for="corrected-phone">${t.correctNumberLabel}</label>
    <input
      id="corrected-phone"
      part="input"
      type="tel"
      inputmode="tel"
      autocomplete="off"
      .value=${correcting.phone}
      aria-invalid=${correcting.error ? 'true' : 'false'}
      aria-describedby="corrected-phone-hint${correcting.error ? ' corrected-phone-error' : ''}"
      @input=${(event: Event) => c.onCorrect('open', event.target as HTMLInputElement)}
    />
    <p id="corrected-phone-hint" class="hint">${t.correctNumberHelp}</p>
    ${correcting.error ? html`<p id="corrected-phone-error" class="error">${correcting.error}</p>` : nothing}
    <div class="actions">
      <button class="primary" type="submit" part="button send-corrected" aria-disabled=${c.cancelling ? 'true' : 'false'}>${t.sendToCorrected}</button>
      <button type="button" part="button back" @click=${() => c.onCorrect('close')}>${t.back}</button>
    </div>
  </form>`;
}

/**
 * Asked on "new request" while the link can still be paid. Cancelling is
 * the default (focused, first): a link left payable by mistake is a double
 * charge waiting to happen; keeping it is a choice staff make knowingly.
 */
function renderStillPayable(c: ResultContext, link: PaymentLink): TemplateResult {
  const t = withLater(c.t);
  return html`<dialog part="prompt" aria-labelledby="prompt-title" aria-describedby="prompt-body" @cancel=${(event: Event) => (event.preventDefault(), c.onAnswer('back'))}>
    <h3 id="prompt-title">${t.stillPayableTitle}</h3>
    <p id="prompt-body">${t.stillPayableBody(link.goodsName, formatWonIn(link.amount, c.locale))}</p>
    ${c.cancelledLocally ? html`<p class="note">${t.cancelledNote(true, providerName(t, link), until(c, link))}</p>` : nothing}
    ${c.failure ? renderAlert(t, c.failure, () => c.onAnswer('cancel')) : nothing}
    <div class="actions">
      <button class="primary" type="button" part="button cancel-and-new" autofocus aria-disabled=${c.cancelling ? 'true' : 'false'} @click=${() => c.onAnswer('cancel')}>
        ${c.cancelling ? t.cancelling : t.cancelAndNew}
      </button>
      <button type="button" part="button keep-and-new" aria-describedby="keep-note" @click=${() => c.onAnswer('keep')}>${t.keepAndNew}</button>
      <button type="button" class="quiet" part="button back" @click=${() => c.onAnswer('back')}>${t.back}</button>
    </div>
    <p id="keep-note" class="hint">${t.keepNote}</p>
  </dialog>`;
}

/** A check mark cut out of the success colour: the surface shows through it, light or dark. */
function renderPaidBadge(): TemplateResult {
  return html`<div class="qr-box">
    <svg class="paid-badge" viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="22" fill="currentColor" />
      <path d="M14 25l7 7 13-15" fill="none" stroke="var(--_bg)" stroke-width="4.5" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  </div>`;
}

/** The later parts, as the result view draws them once they are here. */
export const resultLater = { styles: laterStyles, renderPaid, renderCancelledNote, renderNext, renderCorrection, renderStillPayable, renderPaidBadge };

export type ResultLater = typeof resultLater;
