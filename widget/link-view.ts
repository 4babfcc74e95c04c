/**
 * The link once made: follows it, counts down to its expiry, draws its QR
 * code, copies, texts, shares and cancels it, and tells the page what
 * happens to it. Loaded with `import()` when the first request is sent,
 * together with the QR encoder (through result-view.ts), so none of it
 * weighs on the form's first paint. POS mode extends it (pos/pos-link-view.ts).
 */

import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { PaymentLink } from '../core/link.js';
import type { Locale } from '../core/messages/index.js';
import { formatWonIn } from '../core/money.js';
import { formatPhone, phoneDigits } from '../core/phone.js';
import { profileOf } from '../core/providers.js';
import { ApiFailure, type LinkApi } from './api.js';
import { copyText } from './clipboard.js';
import { ClockController, formatRemaining } from './countdown.js';
import type { Css } from './css.js';
import { emit } from './events.js';
import { lazy } from './lazy.js';
import type { Failure } from './form-view.js';
import { withResult } from './messages/ko-result.js';
import type { FirstMessages, FormMessages } from './messages/index.js';
import type { ResultLater } from './result-later.js';
import { isPaid, renderResult, type ResultContext } from './result-view.js';
import { canTextFromDevice, smsHref } from './sms.js';
import { LinkStatusController } from './status-controller.js';

/** The result's looks, adopted by the element with this view. */
export { resultStyles } from './result-styles.js';

export interface LinkViewHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** How long after a failed fetch of the later parts it is tried again: doubling from the first, up to the last. */
const LATER_RETRY_MS = [5000, 60_000] as const;

/** What shows only after a later event (result-later.ts): fetched once the QR code is on screen, so the first QR waits for none of it. */
const loadLater = lazy(() => import('./result-later.js').then((module): ResultLater => module.resultLater));

export interface LinkViewOptions {
  api: () => LinkApi;
  /** The host's words, in the page's language. */
  messages: () => FormMessages;
  locale: () => Locale;
  /** Digits of the customer's phone as typed here; empty when this session did not make the link. */
  phone: string;
  /** The shop's name for the texts this device sends; the server's when absent. */
  shopName: () => string | undefined;
  /** Back to the form: with the same input (`false`) or an empty one (`true`). */
  reset: (empty: boolean) => void;
  /** The same sale again, to another number: after this link is cancelled. */
  resendTo: (phone: string) => void;
  /** Says something in the host's live region. */
  announce: (text: string) => void;
  /** An API failure as the host words it. */
  describe: (failure: ApiFailure) => Failure;
  /** What is wrong with a phone number typed here, in the host's words; `undefined` when nothing. */
  phoneProblem: (phone: string) => string | undefined;
  /** The result's looks in place of those it has (with those of what shows later, result-later.ts). */
  restyle: (styles: Css) => void;
}

export class LinkView implements ReactiveController {
  protected readonly status: LinkStatusController;
  protected readonly clock: ClockController;
  private copied = false;
  private copyFailed = false;
  private busy = false;
  private cancelling = false;
  private asking = false;
  private correcting: { phone: string; error?: string } | undefined;
  private cancelledLocally = false;
  private failure?: Failure;
  private expiredNoticed = false;
  /** Shown again after a reload: its first state was told to the page before, and is not told again. */
  private restored = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  /** What shows only after a later event, once fetched. */
  private laterParts?: ResultLater;
  private laterLoading?: Promise<void>;
  /** While something to show waits for those parts: the host's `updateComplete` waits for them too. */
  waiting?: Promise<void>;

  constructor(
    protected readonly host: LinkViewHost,
    protected readonly options: LinkViewOptions,
  ) {
    host.addController(this);
    this.status = new LinkStatusController(host, {
      fetchLink: (id) => options.api().get(id),
      eventsUrl: (id) => options.api().eventsUrl(id),
      onChange: (link, previous) => this.changed(link, previous),
    });
    this.clock = new ClockController(host, () => this.checkExpiry());
  }

  /**
   * Shows the link with `id`: `link` when it is known, otherwise it is
   * checked with the server first. `restored`: shown again after a reload.
   */
  show(id: string, link?: PaymentLink, { restored = false } = {}) {
    this.restored = restored;
    this.status.follow(id, link);
    if (link) this.changed(link, undefined);
  }

  get link(): PaymentLink | undefined {
    return this.status.link;
  }

  /** Stops following the link, for good. */
  dispose() {
    this.status.stop();
    this.clock.stop();
    this.hostDisconnected();
    for (const controller of [this.status, this.clock, this]) this.host.removeController(controller);
  }

  /** The words in the page's language. */
  protected get t(): FirstMessages {
    return withResult(this.options.messages());
  }

  hostDisconnected() {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
  }

  render(): TemplateResult {
    return renderResult(this.context());
  }

  /** Everything the result view draws from. */
  protected context(): ResultContext {
    const t = this.t;
    const locale = this.options.locale();
    const link = this.status.link;
    const url = link?.shortUrl ?? link?.url ?? undefined;
    const left = link?.expiresAt ? Date.parse(link.expiresAt) - this.clock.now : 0;
    const typed = this.options.phone;
    const texted = link?.delivery === 'provider-sms';
    const shop = this.options.shopName() ?? link?.merchantName;
    return {
      t,
      later: this.laterParts,
      locale,
      link,
      expired: !!link && this.isExpired(link),
      remaining: left > 0 ? formatRemaining(left, t.days) : undefined,
      connection: this.status.connection,
      copied: this.copied,
      copyFailed: this.copyFailed,
      // Whoever typed the number sees it whole, to catch a typo; anyone else sees it masked.
      sentTo: texted ? (typed ? formatPhone(typed) : link?.customer.phone) : undefined,
      canResend: !!link && (profileOf(link.provider)?.resends ?? false),
      canCorrect: texted && !!typed && !this.cancelling,
      correcting: this.correcting,
      smsHref: link && url && canTextFromDevice() ? smsHref(typed, t.smsBody(shop, link.goodsName, formatWonIn(link.amount, locale), url)) : undefined,
      canShare: typeof navigator.share === 'function',
      busy: this.busy,
      cancelling: this.cancelling,
      cancelledLocally: this.cancelledLocally || (!!link && profileOf(link.provider)?.cancels === false),
      asking: this.asking,
      failure: this.failure,
      onCopy: () => url && void this.copy(url),
      onShare: () => link && url && void this.share(link, url),
      onResend: () => link && void this.resend(link),
      onCancel: () => link && void this.cancel(link),
      onCorrect: (phase, input) => link && void this.correct(link, phase, input),
      onMakeNew: () => this.options.reset(false),
      onNewRequest: () => this.newRequest(),
      onAnswer: (choice) => link && void this.answer(link, choice),
    };
  }

  /** Whether the customer can still pay the link on screen: "new request" asks before leaving it payable. */
  protected get payable(): boolean {
    const link = this.status.link;
    return !!link && link.status === 'active' && !this.isExpired(link);
  }

  protected changed(link: PaymentLink, previous: PaymentLink | undefined) {
    const t = this.t;
    const was = previous?.status;
    const told = this.restored && !previous;
    // Paid and cancelled links show parts of their own (result-later.ts).
    if (isPaid(link.status) || link.status === 'cancelled') this.fetchLater(true);
    if (link.status === 'active') this.clock.start();
    else this.clock.stop();
    if (link.status === 'active' && was !== 'active') void this.reveal(link, told);
    if (link.status === 'active' && link.openedAt && previous && !previous.openedAt) this.announce(t.opened);
    if (told) {
      if (link.status !== 'active') void this.reveal(link, true);
    } else if (link.status !== was) {
      // Whatever was being asked about a payable link is moot once it is not.
      if (link.status !== 'active') this.closePrompt();
      if (isPaid(link.status) && !isPaid(was ?? '')) {
        this.announce(t.paid);
        emit(this.host, 'pay-link-paid', { link });
      } else if (link.status === 'cancelled') this.announce(t.cancelled);
      else if (link.status === 'failed') {
        this.announce(t.failed);
        emit(this.host, 'pay-link-error', { code: 'link_failed', message: t.failed, retryable: false });
      }
    }
    this.checkExpiry();
  }

  /** The link is on screen for the first time: focus its heading, then tell the page (unless it was told before a reload). */
  private async reveal(link: PaymentLink, told = false) {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('#result-title')?.focus();
    if (!told) emit(this.host, 'pay-link-created', { link });
    this.fetchLater();
  }

  /**
   * Fetches what shows only after a later event, once per view; `need`: something to show waits for it, and
   * with it the host's `updateComplete`.
   */
  private fetchLater(need = false, retryMs: number = LATER_RETRY_MS[0]) {
    if (this.laterParts) return;
    this.laterLoading ??= loadLater()
      .then(
        (later) => {
          this.laterParts = later;
          this.options.restyle(later.styles);
        },
        () => {
          // Out of reach: tried again a little later, so a paid link shows its details once the network is back;
          // less and less often, should the file be gone for good (a page left open across a release).
          this.laterLoading = undefined;
          this.later(retryMs, () => this.fetchLater(false, Math.min(retryMs * 2, LATER_RETRY_MS[1])));
        },
      )
      .finally(() => {
        this.waiting = undefined;
        this.host.requestUpdate();
      });
    if (need) this.waiting = this.laterLoading;
  }

  protected isExpired(link: PaymentLink): boolean {
    return link.status === 'expired' || (link.status === 'active' && !!link.expiresAt && Date.parse(link.expiresAt) <= this.clock.now);
  }

  /** Tells once that the link expired, by the server's word or by the clock. */
  private checkExpiry() {
    const link = this.status.link;
    if (!link || this.expiredNoticed || !this.isExpired(link)) return;
    this.expiredNoticed = true;
    this.clock.stop();
    this.closePrompt();
    this.announce(this.t.expired);
    emit(this.host, 'pay-link-expired', { link });
  }

  private async copy(url: string) {
    const t = this.t;
    try {
      await copyText(url);
    } catch {
      // Said on screen, not only to screen readers, with the link selected for a copy by hand.
      this.copyFailed = true;
      this.host.requestUpdate();
      await this.host.updateComplete;
      const text = this.host.renderRoot.querySelector('[part="link"] .url');
      if (text) getSelection()?.selectAllChildren(text);
      return this.announce(t.copyFailed);
    }
    this.copied = true;
    this.copyFailed = false;
    this.host.requestUpdate();
    this.announce(t.copied);
    emit(this.host, 'pay-link-copied', { url });
    this.later(2000, () => (this.copied = false));
  }

  private async share(link: PaymentLink, url: string) {
    const amount = formatWonIn(link.amount, this.options.locale());
    try {
      await navigator.share({ title: link.goodsName, text: `${link.goodsName} ${amount}`, url });
    } catch {
      return; // dismissed, or nothing to share with
    }
    emit(this.host, 'pay-link-shared', { url });
  }

  private async resend(link: PaymentLink) {
    if (this.busy) return;
    const t = this.t;
    await this.run('busy', async () => {
      await this.options.api().resend(link.id);
      this.announce(t.resent(this.options.phone ? formatPhone(this.options.phone) : (link.customer.phone ?? '')));
    });
  }

  /** Withdraws the link; true once it is cancelled (or was already over, as the server now says). */
  protected async cancel(link: PaymentLink): Promise<boolean> {
    if (this.cancelling) return false;
    return this.run('cancelling', async () => {
      const cancelled = await this.options.api().cancel(link.id);
      this.cancelledLocally = cancelled.cancellation.mode === 'local';
      const { cancellation, ...rest } = cancelled;
      this.status.accept(rest);
      emit(this.host, 'pay-link-cancelled', { link: rest, mode: cancellation.mode });
    });
  }

  /** Runs a call on the link, `flag` set meanwhile; a failure is shown (and a link that moved on is read again). */
  private async run(flag: 'busy' | 'cancelling', call: () => Promise<void>): Promise<boolean> {
    this[flag] = true;
    this.failure = undefined;
    this.host.requestUpdate();
    try {
      await call();
      return true;
    } catch (error) {
      const failure = ApiFailure.from(error);
      this.failure = this.options.describe(failure);
      emit(this.host, 'pay-link-error', { code: failure.code, message: this.failure.message, retryable: failure.retryable });
      // Paid (or expired) meanwhile: show it as it now is, never as still waiting.
      if (failure.code === 'link_not_active') this.refresh();
      return false;
    } finally {
      this[flag] = false;
      this.host.requestUpdate();
    }
  }

  private refresh() {
    const link = this.status.link;
    if (link) void this.options.api().get(link.id).then((fresh) => this.status.accept(fresh), () => undefined);
  }

  private newRequest() {
    if (!this.payable) return this.options.reset(true);
    this.fetchLater(true);
    this.asking = true;
    this.failure = undefined;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog[part="prompt"]');
      if (dialog && !dialog.open) dialog.showModal();
    });
  }

  private async answer(link: PaymentLink, choice: 'cancel' | 'keep' | 'back') {
    if (choice === 'back') return this.closePrompt();
    if (choice === 'keep') return this.options.reset(true);
    if (await this.cancel(link)) this.options.reset(true);
  }

  private closePrompt() {
    if (!this.asking) return;
    this.asking = false;
    this.failure = undefined;
    this.host.renderRoot.querySelector<HTMLDialogElement>('dialog[part="prompt"]')?.close();
    this.host.requestUpdate();
  }

  /** "Wrong number?": the corrected number, then this link cancelled and the same sale texted to it. */
  private async correct(link: PaymentLink, phase: 'open' | 'close' | 'submit', input?: HTMLInputElement) {
    if (phase === 'close') this.correcting = undefined;
    else if (phase === 'open') {
      const phone = formatPhone(input ? input.value : this.options.phone);
      if (input && input.value !== phone) input.value = phone;
      const opening = !this.correcting;
      this.correcting = { phone };
      if (opening) {
        this.fetchLater(true);
        this.host.requestUpdate();
        await this.host.updateComplete;
        return this.host.renderRoot.querySelector<HTMLInputElement>('#corrected-phone')?.focus();
      }
    } else if (this.correcting) {
      const { phone } = this.correcting;
      const error = this.options.phoneProblem(phone);
      if (error) this.correcting = { phone, error };
      else if (await this.cancel(link)) return this.options.resendTo(phoneDigits(phone));
    }
    this.host.requestUpdate();
  }

  protected announce(text: string) {
    this.options.announce(text);
  }

  protected later(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
      this.host.requestUpdate();
    }, ms);
    this.timers.add(timer);
  }
}
