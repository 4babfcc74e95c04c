/**
 * The link once made: follows it, counts down to its expiry, draws its QR
 * code, copies, texts and shares it, and tells the page what happens to it.
 * Loaded with `import()` when the first request is sent, together with the
 * QR encoder (through result-view.ts), so none of it weighs on the form's
 * first paint.
 */

import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { PaymentLink } from '../core/link.js';
import type { Locale } from '../core/messages/index.js';
import { formatWon } from '../core/money.js';
import { maskPhone } from '../core/phone.js';
import { profileOf } from '../core/providers.js';
import { ApiFailure, type LinkApi } from './api.js';
import { copyText } from './clipboard.js';
import { ClockController, formatRemaining } from './countdown.js';
import { emit } from './events.js';
import type { WidgetMessages } from './messages/index.js';
import { renderResult } from './result-view.js';
import { smsHref } from './sms.js';
import { LinkStatusController } from './status-controller.js';

/** How long "Paid" stays on a POS screen before the empty form comes back. */
const POS_RESET_MS = 8000;

export interface LinkViewHost extends ReactiveControllerHost, HTMLElement {
  mode: 'form' | 'pos';
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface LinkViewOptions {
  api: () => LinkApi;
  messages: () => WidgetMessages;
  locale: () => Locale;
  /** Digits of the customer's phone the link was made for; empty when none. */
  phone: string;
  /** Back to the form: with the same input (`false`) or an empty one (`true`). */
  reset: (empty: boolean) => void;
  /** Says something in the host's live region. */
  announce: (text: string) => void;
}

export class LinkView implements ReactiveController {
  private readonly status: LinkStatusController;
  private readonly clock: ClockController;
  private copied = false;
  private busy = false;
  private failure?: { message: string; retryable: boolean };
  private expiredNoticed = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly host: LinkViewHost,
    private readonly options: LinkViewOptions,
  ) {
    host.addController(this);
    this.status = new LinkStatusController(host, {
      fetchLink: (id) => options.api().get(id),
      eventsUrl: (id) => options.api().eventsUrl(id),
      onChange: (link, previous) => this.changed(link, previous),
    });
    this.clock = new ClockController(host, () => this.checkExpiry());
  }

  /** Shows the link with `id`: `link` when it is known, otherwise it is checked with the server first. */
  show(id: string, link?: PaymentLink) {
    this.status.follow(id, link);
    if (link) this.changed(link, undefined);
  }

  /** Stops following the link, for good. */
  dispose() {
    this.status.stop();
    this.clock.stop();
    this.hostDisconnected();
    for (const controller of [this.status, this.clock, this]) this.host.removeController(controller);
  }

  hostDisconnected() {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
  }

  render(): TemplateResult {
    const t = this.options.messages();
    const link = this.status.link;
    const url = link?.shortUrl ?? link?.url ?? undefined;
    const left = link?.expiresAt ? Date.parse(link.expiresAt) - this.clock.now : 0;
    const phone = this.options.phone;
    return renderResult({
      t,
      locale: this.options.locale(),
      link,
      expired: !!link && this.isExpired(link),
      remaining: left > 0 ? formatRemaining(left, t.days) : undefined,
      copied: this.copied,
      sentTo: link?.delivery === 'provider-sms' && phone ? maskPhone(phone) : undefined,
      canResend: !!link && (profileOf(link.provider)?.resends ?? false),
      smsHref: link && url ? smsHref(phone, t.smsBody(link.goodsName, formatWon(link.amount), url)) : '',
      canShare: typeof navigator.share === 'function',
      busy: this.busy,
      failure: this.failure,
      onCopy: () => url && void this.copy(url),
      onShare: () => link && url && void this.share(link, url),
      onResend: () => link && void this.resend(link),
      onMakeNew: () => this.options.reset(false),
      onNewRequest: () => this.options.reset(true),
    });
  }

  private changed(link: PaymentLink, previous: PaymentLink | undefined) {
    const t = this.options.messages();
    const was = previous?.status;
    if (link.status === 'active') this.clock.start();
    else this.clock.stop();
    if (link.status === 'active' && was !== 'active') void this.reveal(link);
    if (link.status === 'active' && link.openedAt && previous && !previous.openedAt) this.announce(t.opened);
    if (link.status !== was) {
      if (link.status === 'paid') {
        this.announce(t.paid);
        emit(this.host, 'pay-link-paid', { link });
        if (this.host.mode === 'pos') this.later(POS_RESET_MS, () => this.options.reset(true));
      } else if (link.status === 'cancelled') this.announce(t.cancelled);
      else if (link.status === 'failed') {
        this.announce(t.failed);
        emit(this.host, 'pay-link-error', { code: 'link_failed', message: t.failed, retryable: false });
      }
    }
    this.checkExpiry();
  }

  /** The link is on screen for the first time: focus its heading, then tell the page. */
  private async reveal(link: PaymentLink) {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('#result-title')?.focus();
    emit(this.host, 'pay-link-created', { link });
  }

  private isExpired(link: PaymentLink): boolean {
    return link.status === 'expired' || (link.status === 'active' && !!link.expiresAt && Date.parse(link.expiresAt) <= this.clock.now);
  }

  /** Tells once that the link expired, by the server's word or by the clock. */
  private checkExpiry() {
    const link = this.status.link;
    if (!link || this.expiredNoticed || !this.isExpired(link)) return;
    this.expiredNoticed = true;
    this.clock.stop();
    this.announce(this.options.messages().expired);
    emit(this.host, 'pay-link-expired', { link });
  }

  private async copy(url: string) {
    const t = this.options.messages();
    try {
      await copyText(url);
    } catch {
      return this.announce(t.copyFailed);
    }
    this.copied = true;
    this.host.requestUpdate();
    this.announce(t.copied);
    emit(this.host, 'pay-link-copied', { url });
    this.later(2000, () => (this.copied = false));
  }

  private async share(link: PaymentLink, url: string) {
    try {
      await navigator.share({ title: link.goodsName, text: `${link.goodsName} ${formatWon(link.amount)}`, url });
    } catch {
      return; // dismissed, or nothing to share with
    }
    emit(this.host, 'pay-link-shared', { url });
  }

  private async resend(link: PaymentLink) {
    if (this.busy) return;
    const t = this.options.messages();
    this.busy = true;
    this.failure = undefined;
    this.host.requestUpdate();
    try {
      await this.options.api().resend(link.id);
      this.announce(t.resent(maskPhone(this.options.phone)));
    } catch (error) {
      const failure = ApiFailure.from(error);
      const message = failure.describe(t.errors);
      this.failure = { message, retryable: failure.retryable };
      emit(this.host, 'pay-link-error', { code: failure.code, message, retryable: failure.retryable });
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private announce(text: string) {
    this.options.announce(text);
  }

  private later(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
      this.host.requestUpdate();
    }, ms);
    this.timers.add(timer);
  }
}
