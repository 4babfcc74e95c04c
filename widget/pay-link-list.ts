/**
 * `<pay-link-list>`: today's payment requests, live. This class is all the
 * form's bundle carries of it: its attributes, and a loader. Its rows, actions,
 * words and looks (list/list-view.ts) are fetched with `import()` the first
 * time one is on the page. Importing this module registers nothing: define.ts does.
 */

import { nothing, type TemplateResult } from 'lit/html.js';
import { readableAccentOf } from './accent.js';
import { BaseElement, type PropertyOptions } from './base-element.js';
import { adoptStyles, unsafeCSS } from './css.js';
import { lazy } from './lazy.js';
import { styles } from './styles.js';

export type { PayLinkListEvent, PayLinkListEventDetails, PayLinkListEventName } from './events.js';

type ListModule = typeof import('./list/list-view.js');
const loadList = lazy(() => import('./list/list-view.js'));

// The tags below feed custom-elements.json (`npm run build`), which editors and Storybook read.
/**
 * Works beside `<pay-link-request>` with no wiring — a link the form makes
 * shows at once — and alone on a page. With a `staff` token it lists the
 * links of the token's `sub`; with a `merchant` token, every link.
 *
 * @summary Today's payment requests, newest first, with their status live, the day's totals, and what can be done with each.
 * @tagname pay-link-list
 *
 * @fires {CustomEvent<{ link: PaymentLink; amount: number }>} pay-link-refunded - A paid link was refunded, `amount` won of it.
 * @fires {CustomEvent<{ link: PaymentLink }>} pay-link-cancelled - A link was cancelled before it was paid.
 * @fires {CustomEvent<{ link: PaymentLink }>} pay-link-resent - The provider texted the link to the customer again.
 *
 * @csspart title - The heading.
 * @csspart totals - The day's totals.
 * @csspart total - One of the totals.
 * @csspart paid-total - Paid: how many, and their sum.
 * @csspart refunded-total - Refunded.
 * @csspart net-total - What stays.
 * @csspart list - The rows.
 * @csspart row - One link.
 * @csspart goods-name - Its product.
 * @csspart amount - Its amount.
 * @csspart state - Its status: waiting, opened, paid, refunded, expired, cancelled…
 * @csspart time - When it was made ("3분 전").
 * @csspart phone - The customer's number, masked.
 * @csspart provider - Its payment provider.
 * @csspart actions - Its buttons.
 * @csspart button - Every button.
 * @csspart qr - Show the QR code again.
 * @csspart copy - Copy the link.
 * @csspart resend - Have the provider text it again.
 * @csspart cancel - Cancel the request.
 * @csspart refund - Refund it.
 * @csspart request-again - The same sale as a new link.
 * @csspart more - Show older links.
 * @csspart retry - Read the list again after a failure.
 * @csspart empty - Said when there is nothing to list.
 * @csspart alert - A failure.
 * @csspart dialog - The dialog: QR code, cancel, refund.
 * @csspart qr-code - The QR code in the dialog (an `<svg>`).
 * @csspart link - The link as text, in the dialog.
 * @csspart radio - A refund choice: all of it, or an amount.
 * @csspart input - The amount to refund.
 * @csspart error - What is wrong with that amount.
 * @csspart next - From the refund's amount to its confirmation.
 * @csspart confirm - Confirms a cancel or a refund.
 * @csspart back - From a refund's confirmation back to its amount.
 * @csspart close - Closes the dialog.
 *
 * @cssprop [--pay-link-accent=#2150c8] - Buttons, focus rings, "opened" (`#9bb8ff` when dark).
 * @cssprop [--pay-link-on-accent=#fff] - Text on the accent (`#0c1633` when dark).
 * @cssprop [--pay-link-bg=#fff] - Surface (`#17191e` when dark).
 * @cssprop [--pay-link-fg=#17191e] - Text (`#eceef2` when dark).
 * @cssprop [--pay-link-muted=#555d6b] - Times, numbers, "waiting" (`#aab1bd` when dark).
 * @cssprop [--pay-link-border=#8c94a1] - Lines between rows (`#6d7582` when dark).
 * @cssprop [--pay-link-danger=#b3261e] - Failures, refunds, the refund button (`#ffb4ab` when dark).
 * @cssprop [--pay-link-success=#136c4f] - "Paid" (`#7fdcb4` when dark).
 * @cssprop [--pay-link-radius=12px] - Corner radius.
 * @cssprop [--pay-link-space=1rem] - Spacing unit.
 * @cssprop --pay-link-font - The system UI font, with Korean fallbacks.
 */
export class PayLinkList extends BaseElement {
  /** Reactive properties (their attributes, and how those read; `attribute: false`: internal state), as Lit's `static properties` declares them. */
  static override properties: Record<string, PropertyOptions> = {
    endpoint: {},
    token: {},
    lang: { reflect: true },
    mode: { reflect: true },
    limit: { type: Number },
  };
  /** Base URL of the pay-link backend, e.g. `https://shop.example/pay-link`. */
  endpoint = '';
  /** A `staff` or `merchant` widget token from the merchant's server; none in open mode. */
  token?: string;
  /** `ko` or `en`; from the page, then the browser, when absent. */
  override lang!: string;
  /** `pos`: larger rows and buttons, for a tablet at the counter. */
  mode: 'list' | 'pos' = 'list';
  /** Links per page; "show more" reads the next. */
  limit = 50;

  private view: InstanceType<ListModule['ListView']> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    // Offline while it is fetched: nothing shows, and the next connection tries again.
    if (!this.view) this.load().catch(() => undefined);
  }

  private async load() {
    const { ListView, listStyles } = await loadList();
    if (this.view) return;
    const root = this.renderRoot as ShadowRoot;
    adoptStyles(root, [styles, listStyles]);
    // A custom accent's readable partners (contrast.ts), read from the styles just adopted, again whenever the colour scheme changes.
    const readable = async () => {
      const accent = await readableAccentOf(this);
      adoptStyles(root, [styles, listStyles, ...(accent ? [unsafeCSS(accent)] : [])]);
    };
    await readable();
    if (this.view) return;
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => void readable());
    this.view = new ListView(this);
    this.requestUpdate();
  }

  // Typed so the published declarations name `lit`, not its inner `lit-html`.
  override render(): TemplateResult | typeof nothing {
    return this.view?.render() ?? nothing;
  }
}
