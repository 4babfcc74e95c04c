/**
 * The link once made: QR code, the link as text, copy / SMS / share, cancel,
 * countdown and status. What shows only after a later event is drawn by
 * result-later.ts, fetched once the QR code is on screen.
 */

import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { PaymentLink } from '../core/link.js';
import { formatWonIn } from '../core/money.js';
import { renderAlert, type Failure } from './form-view.js';
import type { FirstMessages } from './messages/index.js';
import { renderQr } from './qr-view.js';
import type { ResultLater } from './result-later.js';
import type { Connection } from './status-controller.js';

export interface ResultContext {
  t: FirstMessages;
  /** What shows only after a later event, once its chunk is here (link-view.ts fetches it). */
  later: ResultLater | undefined;
  locale: 'ko' | 'en';
  /** `undefined` until the first answer about a link whose outcome was unknown. */
  link: PaymentLink | undefined;
  /** Formatted time left; `undefined` once it is no use. */
  remaining: string | undefined;
  /** Past `expiresAt` by the server's word or by the clock. */
  expired: boolean;
  connection: Connection;
  copied: boolean;
  copyFailed: boolean;
  /** The number the provider texted: in full for whoever typed it, masked for others. */
  sentTo: string | undefined;
  canResend: boolean;
  /** "Wrong number?" is offered: the number was typed here, and the link can still be cancelled. */
  canCorrect: boolean;
  /** The corrected number being typed, and its problem. */
  correcting: { phone: string; error?: string } | undefined;
  /** An `sms:` link where this device can text; `undefined` elsewhere. */
  smsHref: string | undefined;
  canShare: boolean;
  busy: boolean;
  cancelling: boolean;
  /** Only our short link stopped: the provider's own page stays open until the link's expiry. */
  cancelledLocally: boolean;
  /** "New request" was pressed while the link can still be paid: cancel it, or keep it? */
  asking: boolean;
  failure?: Failure;
  /** POS mode: the view faces the customer (pos/pos-link-view.ts). */
  counter?: CounterView;
  onCopy: () => void;
  onShare: () => void;
  onResend: () => void;
  onCancel: () => void;
  onCorrect: (phase: 'open' | 'close' | 'submit', input?: HTMLInputElement) => void;
  /** Back to the form with the same input, for a new link. */
  onMakeNew: () => void;
  /** Back to an empty form (asks first while the link can be paid). */
  onNewRequest: () => void;
  onAnswer: (choice: 'cancel' | 'keep' | 'back') => void;
}

/** What POS mode adds to face the customer: the shop, a heading for them, and after "Paid" the way to the next sale. */
export interface CounterView {
  shop: string | undefined;
  /** The heading while the link can be paid: it speaks to the customer. */
  scanTitle: string;
  scanHint: string;
  /** After "Paid": the countdown to the next sale, and a button for it now. */
  next?: { text: string; now: string; onNow: () => void };
}

/** What a status reads as, in the heading. */
export function titleOf(t: FirstMessages, status: string, link: PaymentLink | undefined): string {
  if (status === 'active') return link?.delivery === 'provider-sms' ? t.textedTitle : t.resultTitle;
  return { paid: t.paid, partially_refunded: t.paid, refunded: t.paid, expired: t.expired, cancelled: t.cancelled, failed: t.failed }[status] ?? t.checkingTitle;
}

export const statusOf = (c: Pick<ResultContext, 'expired' | 'link'>) => (c.expired ? 'expired' : (c.link?.status ?? 'unknown'));
export const isPaid = (status: string) => status === 'paid' || status === 'partially_refunded' || status === 'refunded';

export function renderResult(c: ResultContext): TemplateResult {
  const { t, link, counter } = c;
  const status = statusOf(c);
  const url = link?.shortUrl ?? link?.url;
  const over = status !== 'active' && !isPaid(status) && status !== 'unknown';
  const amount = link && formatWonIn(link.amount, c.locale);
  const title = counter && status === 'active' ? counter.scanTitle : titleOf(t, status, link);
  const picture = isPaid(status) ? (c.later?.renderPaidBadge() ?? nothing) : url ? renderQr(url, t.qrLabel(amount!), { dimmed: over }) : nothing;
  // Facing the customer the amount leads, large; facing staff it follows the product.
  const summary = counter ? html`<strong>${amount}</strong> <span>${link?.goodsName}</span>` : html`${link?.goodsName} · <strong>${amount}</strong>`;
  const words = html`${counter?.shop ? html`<p class="shop" part="shop">${counter.shop}</p>` : nothing}
    <h2 id="result-title" tabindex="-1">${title}</h2>
    ${link ? html`<p class="summary">${summary}</p>${renderProvider(t, link)}` : nothing}`;
  const details = html`<div class="details">
    ${counter && status === 'active' ? html`<p class="scan-hint">${counter.scanHint}</p>` : nothing}
    ${link && status !== 'unknown' ? renderState(c, link, status) : html`<p>${t.checking}</p>`}
    ${url && status === 'active' ? renderActions(c, url) : nothing}
    ${c.failure && !c.asking ? renderAlert(t, c.failure, c.onResend) : nothing}
    ${counter?.next && isPaid(status) ? (c.later?.renderNext(counter.next) ?? nothing) : nothing}
    <div class="actions">
      ${over ? html`<button class="primary" type="button" part="button make-new" @click=${c.onMakeNew}>${t.makeNew}</button>` : nothing}
      ${status === 'active' ? renderCancel(c) : nothing}
      ${counter?.next && isPaid(status) ? nothing : html`<button type="button" part="button new" @click=${c.onNewRequest}>${t.newRequest}</button>`}
    </div>
  </div>`;

  // Facing the customer the words are grouped, for the code to stand beside them or between them and the details.
  return html`<section class="result ${isPaid(status) ? 'is-paid' : ''} ${counter ? 'counter' : ''}" part="result" aria-labelledby="result-title">
    ${counter ? html`<div class="side">${words}</div>${picture}${details}` : html`${words}${picture}${details}`}
    ${c.asking && link ? (c.later?.renderStillPayable(c, link) ?? nothing) : nothing}
  </section>`;
}

/** Which gateway holds the link, saying so louder when `auto` failed over to it. */
export function renderProvider(t: FirstMessages, link: PaymentLink): TemplateResult {
  const switched = (link.attempts ?? []).some((attempt) => attempt.outcome === 'unavailable' || attempt.outcome === 'skipped');
  return html`<p class="provider" part="provider">${t.via(providerName(t, link), switched)}</p>`;
}

export const providerName = (t: FirstMessages, link: PaymentLink) => t.providerNames[link.provider] ?? link.provider;

/** Waiting, opened, reconnecting; paid with its details; a cancelled link's consequences. */
export function renderState(c: ResultContext, link: PaymentLink, status: string): TemplateResult | typeof nothing {
  const { t } = c;
  if (isPaid(status)) return c.later?.renderPaid(c, link) ?? nothing;
  if (status === 'cancelled' && link.cancelledAt) return c.later?.renderCancelledNote(c, link) ?? nothing;
  if (status !== 'active') return nothing; // the heading says it all
  const reconnecting = c.connection === 'reconnecting';
  return html`<p class="state ${reconnecting ? 'warning' : ''}" part="status">${reconnecting ? t.reconnecting : link.openedAt ? t.opened : t.waiting}</p>
    ${c.remaining && link.expiresAt
      ? html`<p class="countdown" part="countdown"><time datetime=${link.expiresAt}>${t.expiresIn(c.remaining)}</time></p>`
      : nothing}`;
}

function renderCancel(c: ResultContext): TemplateResult {
  return html`<button type="button" class="quiet" part="button cancel" aria-disabled=${c.cancelling ? 'true' : 'false'} @click=${c.onCancel}>
    ${c.cancelling ? c.t.cancelling : c.t.cancel}
  </button>`;
}

function renderActions(c: ResultContext, url: string): TemplateResult {
  const { t } = c;
  // At a counter the customer scans the code: nothing to copy, text or share.
  if (c.counter) {
    return html`${c.sentTo ? html`<p class="sent">${t.sentTo(c.sentTo)}</p>` : nothing} ${c.correcting ? (c.later?.renderCorrection(c, c.correcting) ?? nothing) : nothing}
      ${c.canCorrect && !c.correcting
        ? html`<div class="actions"><button type="button" part="button wrong-number" @click=${() => c.onCorrect('open')}>${t.wrongNumber}</button></div>`
        : nothing}`;
  }
  return html`<p class="link" part="link"><span class="visually-hidden">${t.linkLabel}: </span><span class="url">${url}</span></p>
    ${c.copyFailed ? html`<p class="error" part="copy-error">${t.copyFailed}</p>` : nothing}
    ${c.sentTo ? html`<p class="sent">${t.sentTo(c.sentTo)}</p>` : nothing}
    ${c.correcting ? (c.later?.renderCorrection(c, c.correcting) ?? nothing) : nothing}
    <div class="actions">
      <button type="button" part="button copy" @click=${c.onCopy}>${c.copied ? t.copied : t.copy}</button>
      ${c.sentTo && c.canResend
        ? html`<button type="button" part="button resend" aria-disabled=${c.busy ? 'true' : 'false'} @click=${c.onResend}>${t.resend}</button>`
        : nothing}
      ${c.canCorrect && !c.correcting ? html`<button type="button" part="button wrong-number" @click=${() => c.onCorrect('open')}>${t.wrongNumber}</button>` : nothing}
      ${!c.sentTo && c.smsHref ? html`<a class="button" part="button sms" href=${c.smsHref}>${t.sms}</a>` : nothing}
      ${c.canShare ? html`<button type="button" part="button share" @click=${c.onShare}>${t.share}</button>` : nothing}
    </div>`;
}

