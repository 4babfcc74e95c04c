/**
 * `<pay-link-request>`: staff type an amount, a product and maybe the
 * customer's phone; the element asks the backend for a payment link, shows it
 * as a QR code with copy / SMS / share, counts down to its expiry and follows
 * it until it is paid. Importing this module registers nothing: define.ts does.
 */

import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { cp949ByteLength } from '../core/bytes.js';
import type { CreateLinkRequest, Delivery, PaymentLink } from '../core/link.js';
import { formatPhone } from '../core/phone.js';
import type { ProviderId } from '../core/providers.js';
import { charsetWarnings } from '../core/validate.js';
import { ApiFailure, LinkApi, newIdempotencyKey } from './api.js';
import { byteLimit, canText, EMPTY_DRAFT, FIELD_OF, problemsOf, toRequest, type Draft } from './draft.js';
import { emit } from './events.js';
import { formatInPlace } from './field.js';
import { formatAmountInput, renderForm } from './form-view.js';
import type { LinkView } from './link-view.js';
import { describeProblem } from '../core/messages/describe.js';
import { KOREAN, messagesFor, resolveLocale, type Messages, type WidgetMessages } from './messages/index.js';
import { styles } from './styles.js';

// Class-only users (`@pay-link/element/pay-link-request`) get the typed events with the class.
export type { PayLinkEvent, PayLinkEventDetails, PayLinkEventName } from './events.js';

/** Problems shown as soon as they are typed; the others wait until the field is left or the form sent. */
const AS_TYPED = new Set(['too_long', 'unencodable', 'forbidden_char']);
/** Properties that prefill the form field of the same name. */
const PREFILL = ['amount', 'goodsName', 'phone', 'orderId', 'delivery'] as const;

/** The result view and the QR encoder: fetched when the first request is sent, while the provider works. */
let linkViewModule: Promise<typeof import('./link-view.js')> | undefined;
const loadLinkView = () =>
  (linkViewModule ??= import('./link-view.js').catch((error: unknown) => {
    linkViewModule = undefined; // a later attempt may fetch it
    throw error;
  }));

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
 * @csspart status - Waiting, opened, paid.
 * @csspart countdown - Time left until the link expires.
 * @csspart make-new - A new link for the same sale, once this one is over.
 * @csspart new - Back to an empty form.
 *
 * @cssprop [--pay-link-accent=#2150c8] - Buttons, focus rings, the QR (`#9bb8ff` when dark).
 * @cssprop [--pay-link-on-accent=#fff] - Text on the accent (`#0c1633` when dark).
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
export class PayLinkRequest extends LitElement {
  static override styles = styles;

  /** Base URL of the pay-link backend, e.g. `https://shop.example/pay-link`. */
  @property() endpoint = '';
  /** `kicc` or `paywelcome`; the backend's default when absent. */
  @property() provider?: ProviderId;
  /** Prefills the amount, in won. Prefilled fields are filled again on "New request". */
  @property({ type: Number }) amount?: number;
  /** Prefills the product name. */
  @property({ attribute: 'goods-name' }) goodsName?: string;
  /** Prefills the merchant's order id; the backend makes one when it is empty. */
  @property({ attribute: 'order-id' }) orderId?: string;
  /** Prefills the customer's mobile number. */
  @property() phone?: string;
  /** Prefills the delivery: `provider-sms` (the provider texts the link) or `none`. */
  @property() delivery?: Delivery;
  /** `ko` or `en`; from the page, then the browser, when absent. */
  @property({ reflect: true }) override lang!: string;
  /** `pos`: full width, a large QR, and back to the form 8 s after "Paid". */
  @property({ reflect: true }) mode: 'form' | 'pos' = 'form';
  /** With both `amount` and `goods-name` given, staff cannot change them. */
  @property({ type: Boolean, reflect: true, attribute: 'readonly' }) readOnly = false;
  /** A widget token from the merchant's server, sent as `Authorization: Bearer <token>`. */
  @property() token?: string;

  @state() private draft: Draft = EMPTY_DRAFT;
  /** Fields left with something typed in: their problems show. */
  @state() private touched: ReadonlySet<keyof Draft> = new Set();
  @state() private submitted = false;
  @state() private busy = false;
  @state() private serverErrors: Partial<Record<keyof Draft, string>> = {};
  @state() private failure?: { message: string; retryable: boolean };
  @state() private announcement = '';
  /** The link on screen; the form when none. */
  @state() private view?: LinkView;

  /** The request being sent and its Idempotency-Key, kept while the very same request may be retried. */
  private attempt?: { key: string; body: string };

  private get providerId(): ProviderId | undefined {
    // Any id goes to the server, which says whether it offers that provider.
    return this.provider?.trim().toLowerCase() || undefined;
  }

  /** The page's language, or `undefined` while it is being fetched (the element then waits, blank, for it). */
  private get messages(): Messages | undefined {
    const table = messagesFor(resolveLocale(this));
    if (!(table instanceof Promise)) return table;
    void table.then(() => this.requestUpdate());
    return undefined;
  }

  private get t(): WidgetMessages {
    return (this.messages ?? KOREAN).widget;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const names = PREFILL.filter((name) => changed.has(name));
    if (names.length && !this.view) this.draft = { ...this.draft, ...this.given(names) };
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
    if (!messages) return nothing;
    return html`${this.view ? this.view.render() : this.renderForm(messages)}
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  private renderForm({ widget, shared }: Messages): TemplateResult {
    const provider = this.providerId;
    const request = toRequest(this.draft, provider);
    const errors: Partial<Record<keyof Draft, string>> = {};
    for (const problem of problemsOf(request, provider)) {
      const field = FIELD_OF[problem.field];
      const shown = this.submitted || (field && this.touched.has(field)) || AS_TYPED.has(problem.code);
      if (field && shown) errors[field] ??= describeProblem(problem, shared);
    }
    const warning = charsetWarnings(request).find((problem) => problem.field === 'goodsName');
    return renderForm({
      t: widget,
      labels: shared.fields,
      draft: this.draft,
      errors: { ...errors, ...this.serverErrors },
      warning: warning && describeProblem(warning, shared),
      goodsBytes: { used: cp949ByteLength(request.goodsName ?? ''), limit: byteLimit('goodsName', provider) },
      fixed: this.readOnly && this.amount != null && !!this.goodsName,
      canText: canText(provider),
      busy: this.busy,
      failure: this.failure,
      onInput: (field, input) => this.edit(field, input),
      onBlur: (field) => this.touch(field),
      onSubmit: () => void this.submit(),
      onRetry: () => void this.submit(),
    });
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

  private async submit() {
    if (this.busy) return;
    const provider = this.providerId;
    const request = toRequest(this.draft, provider);
    this.submitted = true;
    if (problemsOf(request, provider).length) return this.focusInvalid();

    const body = JSON.stringify(request);
    if (this.attempt?.body !== body) this.attempt = { key: newIdempotencyKey(), body };
    const { key } = this.attempt;
    const phone = request.customer?.phone ?? '';
    this.busy = true;
    this.failure = undefined;
    void loadLinkView().catch(() => undefined);
    try {
      const link = await this.api().create(request as CreateLinkRequest, key);
      await this.open(link.id, link, phone);
      this.attempt = undefined;
    } catch (error) {
      const failure = ApiFailure.from(error);
      if (!failure.retryable) this.attempt = undefined;
      this.fail(failure);
      // The provider may hold the link: follow it rather than risk a second one.
      if (failure.options.linkId) await this.open(failure.options.linkId, undefined, phone).catch(() => undefined);
    } finally {
      this.busy = false;
    }
  }

  private fail(failure: ApiFailure) {
    const message = failure.describe(this.t.errors);
    const placed: Partial<Record<keyof Draft, string>> = {};
    for (const { field, message } of failure.options.fields ?? []) {
      const name = FIELD_OF[field];
      if (name) placed[name] ??= message;
    }
    this.serverErrors = placed;
    // A link being checked says so itself: there is nothing to retry.
    if (!failure.options.linkId) this.failure = { message, retryable: failure.retryable };
    emit(this, 'pay-link-error', { code: failure.code, message, retryable: failure.retryable });
    if (Object.keys(placed).length) void this.focusInvalid();
  }

  /** Shows the link with `id` (checked with the server first when `link` is not known). */
  private async open(id: string, link: PaymentLink | undefined, phone: string) {
    const { LinkView } = await loadLinkView();
    this.view?.dispose();
    this.view = new LinkView(this, {
      api: () => this.api(),
      messages: () => this.t,
      locale: () => resolveLocale(this),
      phone,
      reset: (empty) => void this.reset(empty),
      announce: (text) => this.announce(text),
    });
    this.view.show(id, link);
  }

  /** Back to the form: the same input for a new link, or an empty one (with what the page prefilled). */
  private async reset(empty: boolean) {
    this.view?.dispose();
    this.view = this.failure = this.attempt = undefined;
    this.serverErrors = {};
    this.touched = new Set();
    this.submitted = false;
    if (empty) this.draft = { ...EMPTY_DRAFT, ...this.given() };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input:not([readonly])')?.focus();
  }

  private async focusInvalid() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** Says `text` in the live region, again even when it is what it last said. */
  private announce(text: string) {
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  private api() {
    return new LinkApi({ endpoint: this.endpoint, locale: resolveLocale(this), token: this.token });
  }
}
