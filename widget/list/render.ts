/** The list on screen: its title, the day's totals, a row per link with the actions its state allows, and "show more". */

import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { LinkSummary } from '../../core/link.js';
import type { FirstMessages } from '../messages/index.js';
import type { ListMessages } from './messages/index.js';
import { actionsOf, ago, providerName, rowState, shownPhone, type ListedLink, type RowAction, wonIn } from './rows.js';

export interface ListContext {
  t: ListMessages;
  w: FirstMessages;
  locale: string;
  now: number;
  rows: readonly ListedLink[];
  summary: LinkSummary | undefined;
  /** Before the first page arrives. */
  loading: boolean;
  /** Why the list could not be read. */
  loadFailure: string | undefined;
  /** Why an action on a row failed. */
  alert: string | undefined;
  hasMore: boolean;
  /** Rows an action is under way on. */
  busy: ReadonlySet<string>;
  onAction: (action: RowAction, link: ListedLink, button: HTMLElement) => void;
  onMore: () => void;
  onRetry: () => void;
}

const LABELS: Record<RowAction, keyof ListMessages> = {
  qr: 'showQr',
  copy: 'copy',
  resend: 'resend',
  cancel: 'cancel',
  refund: 'refund',
  'request-again': 'requestAgain',
};

export function renderList(c: ListContext): TemplateResult {
  const { t } = c;
  return html`<section class="list" aria-labelledby="list-title" aria-busy=${c.loading ? 'true' : 'false'}>
    <h2 id="list-title" part="title" tabindex="-1">${t.title}</h2>
    ${renderTotals(c)}
    ${c.loadFailure ? renderAlert(c.loadFailure, t.retry, c.onRetry) : nothing}
    ${c.alert ? html`<div class="alert" part="alert" role="alert"><p>${c.alert}</p></div>` : nothing}
    ${c.rows.length
      ? html`<ol class="rows" part="list">
          ${c.rows.map((link) => renderRow(c, link))}
        </ol>`
      : c.loadFailure
        ? nothing
        : html`<p class="empty" part="empty">${c.loading ? t.loading : t.empty}</p>`}
    ${c.hasMore ? html`<button type="button" part="button more" @click=${c.onMore}>${t.more}</button>` : nothing}
  </section>`;
}

function renderTotals({ t, summary, locale }: ListContext): TemplateResult {
  const total = summary?.total;
  const won = (amount: number | undefined) => (amount === undefined ? '–' : wonIn(locale, amount));
  return html`<dl class="totals" part="totals" aria-label=${t.totals}>
    <div part="total paid-total">
      <dt>${t.paidLabel}</dt>
      <dd>${total ? t.paidTotal(total.paid.count, wonIn(locale, total.paid.amount)) : '–'}</dd>
    </div>
    <div part="total refunded-total">
      <dt>${t.refundedTotal}</dt>
      <dd>${won(total?.refunded.amount)}</dd>
    </div>
    <div part="total net-total">
      <dt>${t.netTotal}</dt>
      <dd>${won(total?.net)}</dd>
    </div>
  </dl>`;
}

function renderRow(c: ListContext, link: ListedLink): TemplateResult {
  const { t, now } = c;
  const state = rowState(link, now);
  const what = t.row(link.goodsName, wonIn(c.locale, link.amount));
  const phone = shownPhone(link);
  const actions = actionsOf(link, state);
  const busy = c.busy.has(link.id);
  const at = new Date(link.createdAt);
  return html`<li class="row" part="row" data-id=${link.id}>
    <p class="line">
      <span class="goods" part="goods-name">${link.goodsName}</span>
      <strong class="amount" part="amount">${wonIn(c.locale, link.amount)}</strong>
    </p>
    <p class="line meta">
      <span class="badge ${state}" part="state">${t.states[state]}</span>
      <time part="time" datetime=${link.createdAt} title=${at.toLocaleTimeString(c.locale, { hour: '2-digit', minute: '2-digit' })}
        >${ago(link.createdAt, now, c.locale, t.justNow)}</time
      >
      ${phone ? html`<span part="phone">${phone}</span>` : nothing}
      <span part="provider">${t.via(providerName(link.provider))}</span>
    </p>
    ${actions.length
      ? html`<div class="actions" part="actions" aria-busy=${busy ? 'true' : 'false'}>
          ${actions.map(
            (action) =>
              html`<button
                type="button"
                part="button ${action}"
                aria-disabled=${busy ? 'true' : 'false'}
                @click=${(event: Event) => !busy && c.onAction(action, link, event.currentTarget as HTMLElement)}
              >
                ${t[LABELS[action]] as string}<span class="visually-hidden"> · ${what}</span>
              </button>`,
          )}
        </div>`
      : nothing}
  </li>`;
}

export function renderAlert(message: string, retry: string, onRetry: () => void): TemplateResult {
  return html`<div class="alert" part="alert" role="alert">
    <p>${message}</p>
    <button type="button" part="button retry" @click=${onRetry}>${retry}</button>
  </div>`;
}
