/** The link once made: QR code, the link as text, copy / SMS / share, countdown and status. */

import { html, nothing, type TemplateResult } from 'lit';
import type { PaymentLink } from '../core/link.js';
import { formatWon } from '../core/money.js';
import { renderAlert } from './form-view.js';
import type { WidgetMessages } from './messages/index.js';
import { renderQr } from './qr-view.js';

export interface ResultContext {
  t: WidgetMessages;
  locale: string;
  /** `undefined` until the first answer about a link whose outcome was unknown. */
  link: PaymentLink | undefined;
  /** Formatted time left; `undefined` once it is no use. */
  remaining: string | undefined;
  /** Past `expiresAt` by the server's word or by the clock. */
  expired: boolean;
  copied: boolean;
  /** `010-****-5678` when the provider texted the link. */
  sentTo: string | undefined;
  canResend: boolean;
  smsHref: string;
  canShare: boolean;
  busy: boolean;
  failure?: { message: string; retryable: boolean };
  onCopy: () => void;
  onShare: () => void;
  onResend: () => void;
  /** Back to the form with the same input, for a new link. */
  onMakeNew: () => void;
  /** Back to an empty form. */
  onNewRequest: () => void;
}

export function renderResult(c: ResultContext): TemplateResult {
  const { t, link } = c;
  const status = c.expired ? 'expired' : (link?.status ?? 'unknown');
  const title = { active: t.resultTitle, paid: t.paid, partially_refunded: t.paid, refunded: t.paid, expired: t.expired, cancelled: t.cancelled, failed: t.failed, unknown: t.checkingTitle }[status];
  const url = link?.shortUrl ?? link?.url;
  const over = status !== 'active' && status !== 'paid' && status !== 'unknown';

  return html`<section class="result" part="result" aria-labelledby="result-title">
    <h2 id="result-title" tabindex="-1">${title}</h2>
    ${link ? html`<p class="summary">${link.goodsName} · <strong>${formatWon(link.amount)}</strong></p>${renderProvider(t, link)}` : nothing}
    ${status === 'paid' ? renderPaid() : url ? renderQr(url, t.qrLabel(formatWon(link!.amount)), { dimmed: over }) : nothing}
    <div class="details">
      ${link && status !== 'unknown' ? renderState(c, link, status) : html`<p>${t.checking}</p>`}
      ${url && status === 'active' ? renderActions(c, url) : nothing}
      ${c.failure ? renderAlert(t, c.failure, c.onResend) : nothing}
      <div class="actions">
        ${over ? html`<button class="primary" type="button" part="button make-new" @click=${c.onMakeNew}>${t.makeNew}</button>` : nothing}
        <button type="button" part="button new" @click=${c.onNewRequest}>${t.newRequest}</button>
      </div>
    </div>
  </section>`;
}

/** Which gateway holds the link, saying so louder when `auto` failed over to it. */
function renderProvider(t: WidgetMessages, link: PaymentLink): TemplateResult {
  const switched = (link.attempts ?? []).some((attempt) => attempt.outcome === 'unavailable' || attempt.outcome === 'skipped');
  return html`<p class="provider" part="provider">${t.via(t.providerNames[link.provider] ?? link.provider, switched)}</p>`;
}

function renderState(c: ResultContext, link: PaymentLink, status: string): TemplateResult | typeof nothing {
  const { t } = c;
  if (status === 'paid') {
    const time = link.paidAt ? new Intl.DateTimeFormat(c.locale, { timeStyle: 'short' }).format(new Date(link.paidAt)) : '';
    return html`<p class="state paid" part="status">${t.paidAt(formatWon(link.amount), time)}</p>`;
  }
  if (status !== 'active') return nothing; // the heading says it all
  return html`<p class="state" part="status">${link.openedAt ? t.opened : t.waiting}</p>
    ${c.remaining && link.expiresAt
      ? html`<p class="countdown" part="countdown"><time datetime=${link.expiresAt}>${t.expiresIn(c.remaining)}</time></p>`
      : nothing}`;
}

function renderActions(c: ResultContext, url: string): TemplateResult {
  const { t } = c;
  return html`<p class="link" part="link"><span class="visually-hidden">${t.linkLabel}: </span>${url}</p>
    ${c.sentTo ? html`<p class="sent">${t.sentTo(c.sentTo)}</p>` : nothing}
    <div class="actions">
      <button type="button" part="button copy" @click=${c.onCopy}>${c.copied ? t.copied : t.copy}</button>
      ${c.sentTo
        ? c.canResend
          ? html`<button type="button" part="button resend" aria-disabled=${c.busy ? 'true' : 'false'} @click=${c.onResend}>${t.resend}</button>`
          : nothing
        : html`<a class="button" part="button sms" href=${c.smsHref}>${t.sms}</a>`}
      ${c.canShare ? html`<button type="button" part="button share" @click=${c.onShare}>${t.share}</button>` : nothing}
    </div>`;
}

function renderPaid(): TemplateResult {
  return html`<div class="qr-box">
    <svg class="paid-badge" viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="22" fill="currentColor" />
      <path d="M14 25l7 7 13-15" fill="none" stroke="#fff" stroke-width="4.5" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  </div>`;
}
