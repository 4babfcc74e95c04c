/**
 * The list's modal dialog (`<dialog>`, so focus stays in it and Escape
 * closes it): the QR code again, the confirmation of a cancel, and a refund —
 * all of it or an amount, then a second step that states the amount and that
 * it cannot be undone.
 */

import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { FirstMessages } from '../messages/index.js';
import type { renderQr } from '../qr-view.js';
import type { ListMessages } from './messages/index.js';
import { refundable, wonIn, type ListedLink } from './rows.js';

export type ListDialog =
  | { kind: 'qr'; link: ListedLink }
  | { kind: 'cancel'; link: ListedLink; busy: boolean; failure?: string }
  | {
      kind: 'refund';
      link: ListedLink;
      step: 'amount' | 'confirm';
      whole: boolean;
      /** As typed, `12,000`. */
      amountText: string;
      /** Why the typed amount cannot be refunded. */
      error?: string;
      busy: boolean;
      failure?: string;
      /** One key per confirmed refund, kept while it is retried: the server refunds it once. */
      key?: string;
    };

export interface DialogContext {
  t: ListMessages;
  /** The page's language, for amounts ("12,000원" / "₩12,000"). */
  locale: string;
  w: FirstMessages;
  dialog: ListDialog | undefined;
  /** The QR drawer, once its chunk is here. */
  qr: typeof renderQr | undefined;
  onClose: () => void;
  onCopy: (link: ListedLink) => void;
  onConfirmCancel: () => void;
  onRefundChoice: (whole: boolean) => void;
  onRefundInput: (input: HTMLInputElement) => void;
  onRefundNext: () => void;
  onRefundBack: () => void;
  onConfirmRefund: () => void;
}

export function renderDialog(c: DialogContext): TemplateResult {
  return html`<dialog part="dialog" aria-labelledby="dialog-title" @cancel=${(event: Event) => (event.preventDefault(), c.onClose())}>
    ${c.dialog ? body(c, c.dialog) : nothing}
  </dialog>`;
}

function body(c: DialogContext, dialog: ListDialog): TemplateResult {
  const { t } = c;
  const what = t.row(dialog.link.goodsName, wonIn(c.locale, dialog.link.amount));
  const close = (label: string) => html`<button type="button" part="button close" @click=${c.onClose}>${label}</button>`;
  if (dialog.kind === 'qr') {
    const url = dialog.link.shortUrl ?? dialog.link.url ?? '';
    return html`<h2 id="dialog-title">${t.qrTitle}</h2>
      <p>${what}</p>
      ${c.qr ? c.qr(url, c.w.qrLabel(wonIn(c.locale, dialog.link.amount)), { part: 'qr-code' }) : html`<p>${t.loading}</p>`}
      <p class="link" part="link">${url}</p>
      <div class="buttons">
        <button type="button" part="button copy" @click=${() => c.onCopy(dialog.link)}>${t.copy}</button>
        ${close(t.close)}
      </div>`;
  }
  if (dialog.kind === 'cancel') {
    return html`<h2 id="dialog-title">${t.cancelTitle}</h2>
      <p>${t.cancelBody(what)}</p>
      ${failure(dialog.failure)}
      <div class="buttons">
        <button type="button" class="primary danger" part="button confirm" aria-disabled=${dialog.busy ? 'true' : 'false'} @click=${c.onConfirmCancel}>
          ${t.cancelConfirm}
        </button>
        ${close(t.keep)}
      </div>`;
  }
  const max = wonIn(c.locale, refundable(dialog.link));
  if (dialog.step === 'confirm') {
    const amount = wonIn(c.locale, dialog.whole ? refundable(dialog.link) : Number(dialog.amountText.replace(/\D/g, '')));
    return html`<h2 id="dialog-title">${t.refundTitle}</h2>
      <p>${t.refundConfirmBody(amount, what)}</p>
      <p class="warning"><strong>${t.irreversible}</strong></p>
      ${failure(dialog.failure)}
      <div class="buttons">
        <button type="button" class="primary danger" part="button confirm" aria-disabled=${dialog.busy ? 'true' : 'false'} @click=${c.onConfirmRefund}>
          ${t.refundConfirm(amount)}
        </button>
        <button type="button" part="button back" @click=${c.onRefundBack}>${t.back}</button>
      </div>`;
  }
  return html`<h2 id="dialog-title">${t.refundTitle}</h2>
    <p>${what}</p>
    <form novalidate @submit=${(event: Event) => (event.preventDefault(), c.onRefundNext())}>
      <fieldset class="field">
        <legend class="visually-hidden">${t.refundAmount}</legend>
        <label class="choice"
          ><input type="radio" part="radio" name="refund-whole" .checked=${dialog.whole} @change=${() => c.onRefundChoice(true)} />${t.refundAll(max)}</label
        >
        <label class="choice"
          ><input type="radio" part="radio" name="refund-whole" .checked=${!dialog.whole} @change=${() => c.onRefundChoice(false)} />${t.refundPart}</label
        >
      </fieldset>
      ${dialog.whole
        ? nothing
        : html`<div class="field">
            <label for="refund-amount">${t.refundAmount}</label>
            <div class="control">
              <input
                id="refund-amount"
                part="input"
                inputmode="numeric"
                autocomplete="off"
                .value=${dialog.amountText}
                aria-invalid=${dialog.error ? 'true' : 'false'}
                aria-describedby="refund-amount-hint${dialog.error ? ' refund-amount-error' : ''}"
                @input=${(event: Event) => c.onRefundInput(event.target as HTMLInputElement)}
              />
              <span aria-hidden="true">${c.w.won}</span>
            </div>
            <p class="hint" id="refund-amount-hint">${t.refundAmountHint(max)}</p>
            ${dialog.error ? html`<p class="error" part="error" id="refund-amount-error">${dialog.error}</p>` : nothing}
          </div>`}
      <div class="buttons">
        <button type="submit" class="primary" part="button next">${t.refundNext}</button>
        ${close(t.close)}
      </div>
    </form>`;
}

const failure = (message: string | undefined) => (message ? html`<div class="alert" part="alert" role="alert"><p>${message}</p></div>` : nothing);
