/**
 * `<pay-link-request>`: staff type an amount, a product and maybe the
 * customer's phone; the element asks the backend for a payment link, shows it
 * as a QR code with copy / SMS / share / cancel, counts down to its expiry and
 * follows it until it is paid. `mode="pos"` loads a counter's keypad and
 * customer-facing view as a chunk of their own. Importing this module
 * registers nothing: define.ts does.
 */

import type { PropertyValues } from 'lit';
import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { CreateLinkRequest, Delivery } from '../core/link.js';
import { formatPhone } from '../core/phone.js';
import type { ProviderId } from '../core/providers.js';
import type { SharedMessages } from '../core/messages/index.js';
import { readableAccentOf } from './accent.js';
import { BaseElement, type PropertyOptions } from './base-element.js';
import { adoptStyles, unsafeCSS, type Css } from './css.js';
import { amountOf, byteLimit, canText, EMPTY_DRAFT, FIELD_OF, toRequest, type Draft } from './draft.js';
import { emit } from './events.js';
import { formatInPlace } from './field.js';
import { formatAmountInput, renderForm, type Failure, type FormContext } from './form-view.js';
import { lazy } from './lazy.js';
import type { LinkView } from './link-view.js';
import { KOREAN, messagesFor, resolveLocale, type FormMessages, type Messages } from './messages/index.js';
import type { PosMode } from './pos/index.js';
import { forget, recall, remember } from './remembered.js';
import type { SendingHost } from './sending.js';
import { styles } from './styles.js';

// Class-only users (`@pay-link/element/pay-link-request`) get the typed events with the class.
export type { PayLinkEvent, PayLinkEventDetails, PayLinkEventName } from './events.js';

/** Problems shown as soon as they are typed; the others wait until the field is left or the form sent. */
const AS_TYPED = new Set(['too_long', 'unencodable', 'forbidden_char', 'not_integer']);
/** How long a POS link lasts unless `expires-in` says otherwise: the customer is standing at the counter. */
const POS_EXPIRES_IN_MINUTES = 15;
/** Properties that prefill the form field of the same name. */
const PREFILL = ['amount', 'goodsName', 'phone', 'orderId', 'delivery'] as const;

/** The form's rules, problem texts and API client: fetched when staff first focus or fill the form, not for its first paint. */
type Rules = typeof import('./rules.js');
const loadRules = lazy(() => import('./rules.js'));

/** The result view and the QR encoder: fetched when the first request is sent, while the provider works. */
const loadLinkView = lazy(() => import('./link-view.js'));

/** The keypad, the customer-facing view and the counter's signals: fetched only by an element in `mode="pos"`. */
const loadPos = lazy(() => import('./pos/index.js').then((module): PosMode => module.posMode));

// The tags below feed custom-elements.json (`npm run build`), which editors and Storybook read.
/**
 * Parts: an element has a general part and, where there are several of its
 * kind, its own name too (`::part(button)` styles every button, `::part(copy)` one).
 *
 * @summary Asks the backend for a payment link and shows it as a QR code until it is paid.
 * @tagname pay-link-request
 *
 * @fires {CustomEvent<{ link: PaymentLink }>} pay-link-created - The provider registered the link; it is on screen.
 * @fires {CustomEvent<{ link: PaymentLink }>} pay-link-paid - The customer paid.
 * @fires {CustomEvent<{ link: PaymentLink }>} pay-link-expired - The link can no longer be paid.
 * @fires {CustomEvent<{ code: string; message: string; retryable: boolean }>} pay-link-error - A request failed; `retryable` when the element offers to retry it.
 * @fires {CustomEvent<{ url: string }>} pay-link-copied - The link was copied.
 * @fires {CustomEvent<{ url: string }>} pay-link-shared - The link was handed to the share sheet.
 * @fires {CustomEvent<{ link: PaymentLink; mode: 'provider' | 'local' }>} pay-link-cancelled - Staff cancelled the link; `local` where the provider cannot withdraw it (only our short link stopped).
 *
 * @csspart form - The form.
 * @csspart field - A field's wrapper.
 * @csspart amount - The amount field's wrapper.
 * @csspart goods-name - The product name field's wrapper.
 * @csspart phone - The phone field's wrapper.
 * @csspart order-id - The order id field's wrapper.
 * @csspart delivery - The delivery choice's fieldset.
 * @csspart label - A field's label or legend.
 * @csspart input - A text input.
 * @csspart amount-input - The amount input.
 * @csspart goods-name-input - The product name input.
 * @csspart phone-input - The phone input.
 * @csspart order-id-input - The order id input.
 * @csspart hint - A field's hint.
 * @csspart counter - The product name's byte counter.
 * @csspart error - A field's error.
 * @csspart radio - A delivery choice's radio button.
 * @csspart alert - A failure that belongs to no field, with its retry button.
 * @csspart button - Every button.
 * @csspart submit - Sends the form.
 * @csspart retry - Retry after a failure.
 * @csspart result - The link on screen.
 * @csspart provider - Which payment provider holds the link (and that it failed over).
 * @csspart qr - The QR code (an `<svg>`).
 * @csspart link - The link as text.
 * @csspart copy - Copy the link.
 * @csspart sms - Send it by text (a link).
 * @csspart share - Share it, where the browser can.
 * @csspart resend - Have the provider text it again.
 * @csspart wrong-number - Correct a mistyped number: cancels the link and texts a new one.
 * @csspart correction - The corrected number's form.
 * @csspart send-corrected - Cancel and text the corrected number.
 * @csspart cancel - Cancel the link.
 * @csspart copy-error - Copying failed: the link is selected for a copy by hand.
 * @csspart prompt - The question on "new request" while the link can still be paid.
 * @csspart cancel-and-new - Cancel the link and start a new request (the default).
 * @csspart keep-and-new - Keep the link payable and start a new request.
 * @csspart back - Back, doing nothing.
 * @csspart payment - How the link was paid: method, card issuer, approval number.
 * @csspart status - Waiting, opened, paid.
 * @csspart countdown - Time left until the link expires.
 * @csspart make-new - A new link for the same sale, once this one is over.
 * @csspart new - Back to an empty form.
 * @csspart keypad - POS mode: the on-screen keypad.
 * @csspart key - POS mode: one key.
 * @csspart reading - POS mode: the amount read out in words.
 * @csspart more - POS mode: phone, order number and delivery, folded away.
 * @csspart shop - POS mode: the shop's name on the customer's view.
 * @csspart next - POS mode: the countdown to the next sale after "Paid", with its "now" button.
 *
 * @cssprop [--pay-link-accent=#2150c8] - Buttons, focus rings, the QR (`#9bb8ff` when dark).
 * @cssprop [--pay-link-on-accent=#fff] - Text on the accent (`#0c1633` when dark); with a custom accent and none given, white or near-black, whichever reads.
 * @cssprop [--pay-link-bg=#fff] - Surface (`#17191e` when dark).
 * @cssprop [--pay-link-fg=#17191e] - Text (`#eceef2` when dark).
 * @cssprop [--pay-link-muted=#555d6b] - Hints and secondary text (`#aab1bd` when dark).
 * @cssprop [--pay-link-border=#8c94a1] - Field borders (`#6d7582` when dark).
 * @cssprop [--pay-link-danger=#b3261e] - Errors (`#ffb4ab` when dark).
 * @cssprop [--pay-link-success=#136c4f] - "Paid" (`#7fdcb4` when dark).
 * @cssprop [--pay-link-radius=12px] - Corner radius.
 * @cssprop [--pay-link-space=1rem] - Spacing unit.
 * @cssprop --pay-link-font - The system UI font, with Korean fallbacks.
 */
export class PayLinkRequest extends BaseElement {
  static override styles = styles;
  /** Reactive properties (their attributes, and how those read; `attribute: false`: internal state), as Lit's `static properties` declares them. */
  static override properties: Record<string, PropertyOptions> = {
    endpoint: {},
    provider: {},
    amount: { type: Number },
    goodsName: { attribute: 'goods-name' },
    orderId: { attribute: 'order-id' },
    phone: {},
    delivery: {},
    lang: { reflect: true },
    mode: { reflect: true },
    shopName: { attribute: 'shop-name' },
    defaultGoodsName: { attribute: 'default-goods-name' },
    expiresIn: { type: Number, attribute: 'expires-in' },
    readOnly: { type: Boolean, reflect: true, attribute: 'readonly' },
    token: {},
    draft: { attribute: false },
    touched: { attribute: false },
    submitted: { attribute: false },
    busy: { attribute: false },
    serverErrors: { attribute: false },
    failure: { attribute: false },
    announcement: { attribute: false },
    view: { attribute: false },
    pos: { attribute: false },
    rules: { attribute: false },
  };

  /** Base URL of the pay-link backend, e.g. `https://shop.example/pay-link`. */
  endpoint = '';
  /** `kicc` or `paywelcome`; the backend's default when absent. */
  provider?: ProviderId;
  /** Prefills the amount, in won. Prefilled fields are filled again on "New request". */
  amount?: number;
  /** Prefills the product name. */
  goodsName?: string;
  /** Prefills the merchant's order id; the backend makes one when it is empty. */
  orderId?: string;
  /** Prefills the customer's mobile number. */
  phone?: string;
  /** Prefills the delivery: `provider-sms` (the provider texts the link) or `none`. */
  delivery?: Delivery;
  /** `ko` or `en`; from the page, then the browser, when absent. */
  override lang!: string;
  /** `pos`: a counter's screen — keypad, customer-facing QR, a chime on "Paid", back to the form 8 s later. */
  mode: 'form' | 'pos' = 'form';
  /** The shop's name in the texts this device sends and on the POS customer view; the server's `MERCHANT_NAME` when absent. */
  shopName?: string;
  /** Used when the product name is left empty, which it then may be (POS mode has a default of its own). */
  defaultGoodsName?: string;
  /** Minutes a new link lasts (15 in POS mode; the provider's default otherwise). At least 5; the provider's maximum applies. */
  expiresIn?: number;
  /** With both `amount` and `goods-name` given, staff cannot change them. */
  readOnly = false;
  /** A widget token from the merchant's server, sent as `Authorization: Bearer <token>`. */
  token?: string;

  private draft: Draft = EMPTY_DRAFT;
  /** Fields left with something typed in: their problems show. */
  private touched: ReadonlySet<keyof Draft> = new Set();
  private submitted = false;
  private busy = false;
  private serverErrors: Partial<Record<keyof Draft, string>> = {};
  private failure?: Failure;
  private announcement = '';
  /** The link on screen; the form when none. */
  private view?: LinkView;
  /** POS mode's chunk, once loaded. */
  private pos?: PosMode;
  /** The form's rules, once loaded: until then it shows no problems (staff have typed nothing yet). */
  private rules?: Rules;
  /** While the rules are fetched: `updateComplete` waits for them, and the problems they show. */
  private rulesLoading?: Promise<unknown>;
  /** The result view's looks, once its chunk is loaded. */
  private resultStyles?: Css;

  /**
   * The request being sent and its Idempotency-Key, kept while the very same
   * request may be retried; its expiry is fixed with it, so a retry is the same request.
   */
  private attempt?: { key: string; body: string; expiresAt?: string };
  private posPending = false;
  /** The endpoint whose remembered link was looked for (once per endpoint). */
  private recalled?: string;
  /** A custom accent's readable partners (contrast.ts), as a sheet after the element's own. */
  private accentCss = '';
  /** A custom accent's colours are being worked out for the first paint: the element waits for them, blank. */
  private accentPending = false;
  private readonly scheme = matchMedia('(prefers-color-scheme: dark)');
  private readonly onScheme = () => this.checkContrast();
  private readonly onFocus = () => void this.needRules().catch(() => undefined);

  private get providerId(): ProviderId | undefined {
    // Any id goes to the server, which says whether it offers that provider.
    return this.provider?.trim().toLowerCase() || undefined;
  }

  /** The page's language, or `undefined` while it is being fetched (the element then waits, blank, for it). */
  private get messages(): Messages | undefined {
    const table = messagesFor(resolveLocale(this));
    if (!(table instanceof Promise)) return table;
    this.drawAfter(table.then(() => this.requestUpdate()));
    return undefined;
  }

  /**
   * What the element waits for, blank, before it draws (its texts, POS mode's chunk, a custom accent's
   * check): `updateComplete` waits for it too, so a page that awaits it finds the form drawn.
   */
  private readonly beforeDrawing = new Set<Promise<unknown>>();

  private drawAfter(work: Promise<unknown>) {
    const settled: Promise<unknown> = work.catch(() => undefined).finally(() => this.beforeDrawing.delete(settled));
    this.beforeDrawing.add(settled);
  }

  private get t(): FormMessages {
    return (this.messages ?? KOREAN).widget;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.scheme.addEventListener('change', this.onScheme);
    this.addEventListener('focusin', this.onFocus);
    this.checkContrast();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.scheme.removeEventListener('change', this.onScheme);
    this.removeEventListener('focusin', this.onFocus);
  }

  /** The rules, fetched the first time staff focus the form, fill it, or send it. */
  private needRules(): Promise<Rules> {
    const loading = this.rules ? Promise.resolve(this.rules) : loadRules().then((rules) => (this.rules = rules));
    this.rulesLoading = loading.catch(() => undefined);
    return loading;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let complete: boolean;
    // An update can find something more to wait for (the first one, the page's texts): then that, and the update after it.
    do {
      await Promise.all(this.beforeDrawing);
      await this.rulesLoading;
      // A part of the result that shows only after a later event, on its way (link-view.ts).
      await this.view?.waiting;
      complete = await super.getUpdateComplete();
    } while (this.beforeDrawing.size);
    return complete;
  }

  /** Problem texts in the element's language: English's came with its table, Korean's with the rules (loaded by now). */
  private texts(): SharedMessages {
    return this.messages?.shared ?? this.rules!.koShared;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const names = PREFILL.filter((name) => changed.has(name));
    if (names.length && !this.view) this.draft = { ...this.draft, ...this.given(names) };
    if (this.mode === 'pos' && !this.pos && !this.posPending) {
      this.posPending = true;
      this.drawAfter(
        loadPos()
          .then(
            // The result view too, meanwhile: a counter's first sale then waits only for the provider.
            (pos) => ((this.pos = pos), this.adopt(), void loadLinkView().catch(() => undefined)),
            () => (this.mode = 'form'), // without its chunk, a counter still gets the plain form
          )
          .finally(() => (this.posPending = false)),
      );
    }
    if (this.endpoint && this.recalled !== this.endpoint && !this.view) void this.restore();
    const { amount, goodsName, phone, orderId } = this.draft;
    if (!this.rules && (amount || goodsName || phone || orderId)) void this.needRules().catch(() => undefined);
  }

  /** The element's styles, the result's and POS mode's once loaded, and the readable accent last. */
  private adopt() {
    const sheets: Css[] = [styles];
    if (this.resultStyles) sheets.push(this.resultStyles);
    if (this.pos) sheets.push(this.pos.styles);
    if (this.accentCss) sheets.push(unsafeCSS(this.accentCss));
    if (this.shadowRoot) adoptStyles(this.shadowRoot, sheets);
  }

  /** Picks readable text for a custom accent, in the colour scheme now in force (the first time, before the form shows). */
  private checkContrast() {
    const css = readableAccentOf(this);
    if (typeof css === 'string') return this.setAccent(css);
    this.accentPending ||= !this.hasUpdated;
    this.drawAfter(
      css.then((css) => {
        this.setAccent(css);
        this.accentPending = false;
        this.requestUpdate();
      }),
    );
  }

  private setAccent(css: string) {
    if (css !== this.accentCss) (this.accentCss = css), this.adopt();
  }

  /** Shows again the link this tab was showing for this endpoint before a reload, live. */
  private async restore() {
    const endpoint = (this.recalled = this.endpoint);
    const id = recall(endpoint);
    if (!id) return;
    // Out of reach: the form, as on a first visit.
    const rules = await this.needRules().catch(() => undefined);
    if (rules && !(await rules.restore(this.sending, id, () => endpoint === this.endpoint))) forget(endpoint);
  }

  /** This element as sending.ts reads and changes it: its state is that module's to change too. */
  private get sending(): SendingHost {
    return this as unknown as SendingHost;
  }

  /** The link on screen, remembered for a reload: here, not in sending.ts, which may run against a second copy of widget.js. */
  private remember(id: string) {
    remember(this.endpoint, id);
  }

  /** The result view's chunk, for sending.ts (the element's own loader, so its cache is one). */
  private loadLinkView() {
    return loadLinkView();
  }

  /** POS mode's chunk where the element is in POS mode, for sending.ts. */
  private loadPos() {
    return this.mode === 'pos' ? loadPos() : undefined;
  }

  /** The form values the page gave as attributes or properties. */
  private given(names: readonly (typeof PREFILL)[number][] = PREFILL): Partial<Draft> {
    const draft: Partial<Record<keyof Draft, string>> = {};
    for (const name of names) {
      const value = this[name];
      if (value == null) continue;
      draft[name] = name === 'amount' ? formatAmountInput(String(value)) : name === 'phone' ? formatPhone(String(value)) : String(value);
    }
    return draft as Partial<Draft>;
  }

  // Typed so the published declarations name `lit`, not its inner `lit-html`.
  override render(): TemplateResult | typeof nothing {
    const messages = this.messages;
    // Blank while its words, or POS mode's chunk, are on their way.
    if (!messages || this.accentPending || (this.mode === 'pos' && !this.pos)) return nothing;
    return html`${this.view ? this.view.render() : this.renderForm(messages)}
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  /** The product name used when none is typed: the page's, or POS mode's own. */
  private get fallbackGoodsName(): string | undefined {
    return this.defaultGoodsName?.trim() || (this.mode === 'pos' ? this.pos?.defaultGoodsName(resolveLocale(this)) : undefined);
  }

  private renderForm({ widget, fields }: Messages): TemplateResult {
    const provider = this.providerId;
    const request = toRequest(this.draft, provider, this.fallbackGoodsName);
    const { rules } = this;
    const errors: Partial<Record<keyof Draft, string>> = {};
    let warning: string | undefined;
    if (rules) {
      const texts = this.texts();
      for (const problem of rules.problemsOf(request, provider)) {
        const field = FIELD_OF[problem.field];
        const shown = this.submitted || (field && this.touched.has(field)) || AS_TYPED.has(problem.code);
        if (field && shown) errors[field] ??= rules.describeProblem(problem, texts);
      }
      const charset = rules.charsetWarnings(request).find((problem) => problem.field === 'goodsName');
      warning = charset && rules.describeProblem(charset, texts);
    }
    const goodsName = this.draft.goodsName.trim();
    // Until the rules come (a prefilled name; the first keys typed): ASCII one byte, anything else two, as Hangul is.
    const bytes = rules?.countBytes(goodsName) ?? { bytes: goodsName.length * 2 - goodsName.replace(/[^\0-\x7f]/g, '').length, uncounted: [] };
    const context: FormContext = {
      t: widget,
      locale: resolveLocale(this),
      labels: fields,
      draft: this.draft,
      amount: amountOf(this.draft),
      errors: { ...errors, ...this.serverErrors },
      warning,
      goodsBytes: { used: bytes.bytes, uncounted: bytes.uncounted, limit: byteLimit('goodsName', provider) },
      defaultGoodsName: this.fallbackGoodsName,
      fixed: this.readOnly && this.amount != null && !!this.goodsName,
      canText: canText(provider),
      busy: this.busy,
      failure: this.failure,
      onInput: (field, input) => this.edit(field, input),
      onBlur: (field) => this.touch(field),
      onSubmit: () => void this.submit(),
      onRetry: () => void this.submit(),
    };
    return this.mode === 'pos' && this.pos
      ? this.pos.renderForm(context, { setAmount: (amount) => this.setAmount(amount) })
      : renderForm(context);
  }

  /** The amount set by POS mode's keypad, as if typed. */
  private setAmount(amount: string) {
    this.draft = { ...this.draft, amount: formatAmountInput(amount) };
    const { amount: _fixed, ...others } = this.serverErrors;
    this.serverErrors = others;
  }

  /** A field left with something in it shows its problems from now on (not while the form is being replaced). */
  private touch(field: keyof Draft) {
    if (this.draft[field] && !this.view) this.touched = new Set([...this.touched, field]);
  }

  private edit(field: keyof Draft, input: HTMLInputElement) {
    const value = field === 'amount' ? formatInPlace(input, formatAmountInput) : field === 'phone' ? formatInPlace(input, formatPhone) : input.value;
    this.draft = { ...this.draft, [field]: value };
    const { [field]: _fixed, ...others } = this.serverErrors;
    this.serverErrors = others;
  }

  /** The expiry a new request asks for: `expires-in` minutes from now (15 in POS mode), or the provider's default. */
  private expiryFromNow(): string | undefined {
    const minutes = this.expiresIn ?? (this.mode === 'pos' ? POS_EXPIRES_IN_MINUTES : undefined);
    return minutes ? new Date(Date.now() + minutes * 60_000).toISOString() : undefined;
  }

  private async submit() {
    if (this.busy) return;
    this.submitted = true;
    this.pos?.unlockSound(); // a user gesture: the chime on "Paid" may then play
    let rules: Rules;
    try {
      rules = this.rules ?? (await this.needRules());
    } catch {
      // Nothing can be checked or sent without them: the network failure it is, with a retry.
      const code = navigator.onLine ? 'network_error' : 'offline';
      this.failure = { message: this.t.errors[code], retryable: true };
      return emit(this, 'pay-link-error', { code, message: this.failure.message, retryable: true });
    }
    if (this.busy) return; // sent meanwhile, by a second press while the rules were on their way
    const provider = this.providerId;
    const request = toRequest(this.draft, provider, this.fallbackGoodsName);
    const body = JSON.stringify(request);
    const expiresAt = this.attempt?.body === body ? this.attempt.expiresAt : this.expiryFromNow();
    const full = { ...request, ...(expiresAt && { expiresAt }) };
    const problems = rules.problemsOf(full, provider);
    if (problems.length) {
      // A rule no field shows (an `expires-in` the provider refuses): said in the alert.
      const unplaced = problems.find((problem) => !FIELD_OF[problem.field]);
      if (unplaced) this.failure = { message: rules.describeProblem(unplaced, this.texts()), retryable: false };
      return this.focusInvalid();
    }

    if (this.attempt?.body !== body) this.attempt = { key: rules.newIdempotencyKey(), body, expiresAt };
    // Done with this request once its link shows, or once it failed for good: a retry is then a new request.
    if (await rules.send(this.sending, full as CreateLinkRequest, this.attempt.key, request.customer?.phone ?? '')) this.attempt = undefined;
  }

  /** Back to the form: the same input for a new link, or an empty one (with what the page prefilled). */
  private async reset(empty: boolean) {
    this.view?.dispose();
    forget(this.endpoint);
    this.view = this.failure = this.attempt = undefined;
    this.serverErrors = {};
    this.touched = new Set();
    this.submitted = false;
    if (empty) this.draft = { ...EMPTY_DRAFT, ...this.given() };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input:not([readonly])')?.focus();
  }

  /** The same sale again, texted to a corrected number (the link to the wrong one is cancelled by now). */
  private async resendTo(phone: string) {
    await this.reset(false);
    this.draft = { ...this.draft, phone: formatPhone(phone), delivery: 'provider-sms' };
    await this.submit();
  }

  private async focusInvalid() {
    await this.updateComplete;
    const invalid = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    // Folded away (POS mode's "more"): unfolded, so it can be seen and focused.
    invalid?.closest('details')?.setAttribute('open', '');
    invalid?.focus();
  }

  /** Says `text` in the live region, again even when it is what it last said. */
  private announce(text: string) {
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  private api() {
    return new this.rules!.LinkApi({ endpoint: this.endpoint, locale: resolveLocale(this), token: this.token });
  }
}
