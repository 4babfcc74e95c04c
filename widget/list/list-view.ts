/**
 * Everything `<pay-link-list>` does, loaded with `import()` the first time
 * one is on a page, so the form's bundle does not carry it: today's links
 * and totals read from the backend, kept live by one event stream (feed.ts),
 * and the actions on a row — QR again, copy, resend, cancel, refund, request
 * again. A link made by a `<pay-link-request>` on the same page shows at
 * once (its `pay-link-created` bubbles to the document), before the stream
 * brings it.
 */

import { withResult } from '../messages/ko-result.js';
import type { ReactiveController } from 'lit';
import { html, nothing, type TemplateResult } from 'lit/html.js';
import { kstDate } from '../../core/kst.js';
import type { LinkSummary, PaymentLink } from '../../core/link.js';
import { parseWon } from '../../core/money.js';
import { ApiFailure, newIdempotencyKey } from '../api.js';
import { copyText } from '../clipboard.js';
import { emit } from '../events.js';
import { formatInPlace } from '../field.js';
import { formatAmountInput } from '../form-view.js';
import { messagesFor, resolveLocale, type FirstMessages } from '../messages/index.js';
import type { renderQr } from '../qr-view.js';
import { renderDialog, type ListDialog } from './dialogs.js';
import { ListFeed } from './feed.js';
import { ListApi } from './list-api.js';
import { listMessagesFor, type ListMessages } from './messages/index.js';
import { renderList } from './render.js';
import { madeToday, newestFirst, refundable, rowState, wonIn, type ListedLink, type RowAction } from './rows.js';

export { listStyles } from './styles.js';

/** "3분 전" moves on this often. */
const TICK_MS = 30_000;
const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;
/** Changes come in bursts (a payment, then its notification's echo): the totals are read once after them. */
const SUMMARY_DELAY_MS = 300;

export interface ListHost extends HTMLElement {
  endpoint: string;
  token?: string;
  mode: string;
  limit: number;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  addController(controller: ReactiveController): void;
  requestUpdate(): void;
}

export class ListView implements ReactiveController {
  private readonly links = new Map<string, ListedLink>();
  private summary: LinkSummary | undefined;
  private nextCursor: string | null = null;
  private pagesRead = 0;
  private loading = true;
  private loadFailure: string | undefined;
  private alert: string | undefined;
  private readonly busy = new Set<string>();
  private dialog: ListDialog | undefined;
  /** What to give focus back to when the dialog closes. */
  private opener: { element: HTMLElement; linkId: string } | undefined;
  private qr: typeof renderQr | undefined;
  private announcement = '';
  private now = Date.now();
  private day = kstDate(this.now);
  /** The endpoint and token the rows were read with: either changing starts over. */
  private source = '';
  private generation = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private summaryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly feed: ListFeed;
  /** The words of the last render: actions follow a render, so they have them. */
  private texts: { t: ListMessages; w: FirstMessages } | undefined;
  private readonly fromPage = (event: Event) => this.apply((event as CustomEvent<{ link: ListedLink }>).detail.link);

  constructor(private readonly host: ListHost) {
    this.feed = new ListFeed({
      api: () => this.api(),
      hasToken: () => !!this.host.token,
      onLink: (link) => this.apply(link),
      onSync: () => void this.reload(),
    });
    host.addController(this);
  }

  hostConnected() {
    document.addEventListener('pay-link-created', this.fromPage);
    document.addEventListener('pay-link-paid', this.fromPage);
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.restart();
  }

  hostDisconnected() {
    document.removeEventListener('pay-link-created', this.fromPage);
    document.removeEventListener('pay-link-paid', this.fromPage);
    clearInterval(this.ticker);
    clearTimeout(this.summaryTimer);
    this.feed.stop();
    this.source = '';
  }

  hostUpdate() {
    if (this.host.isConnected && this.source !== this.sourceKey()) this.restart();
  }

  hostUpdated() {
    const dialog = this.host.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (this.dialog && !dialog.open) dialog.showModal();
    if (!this.dialog && dialog.open) dialog.close();
  }

  render(): TemplateResult | typeof nothing {
    const locale = resolveLocale(this.host);
    const t = this.wait(listMessagesFor(locale));
    const w = this.wait(messagesFor(locale));
    if (!t || !w) return nothing;
    this.texts = { t, w: withResult(w.widget) };
    return html`${renderList({
        t,
        w: withResult(w.widget),
        locale,
        now: this.now,
        rows: [...this.links.values()].sort(newestFirst),
        summary: this.summary,
        loading: this.loading,
        loadFailure: this.loadFailure,
        alert: this.alert,
        hasMore: this.nextCursor !== null,
        busy: this.busy,
        onAction: (action, link, button) => this.act(action, link, button),
        onMore: () => void this.more(),
        onRetry: () => void this.reload(),
      })}
      ${renderDialog({
        t,
        locale,
        w: withResult(w.widget),
        dialog: this.dialog,
        qr: this.qr,
        onClose: () => this.closeDialog(),
        onCopy: (link) => void this.copy(link),
        onConfirmCancel: () => void this.cancel(),
        onRefundChoice: (whole) => this.editRefund({ whole, error: undefined }),
        onRefundInput: (input) => this.editRefund({ amountText: formatInPlace(input, formatAmountInput), error: undefined }),
        onRefundNext: () => this.refundNext(t),
        onRefundBack: () => this.editRefund({ step: 'amount', failure: undefined }),
        onConfirmRefund: () => void this.refund(),
      })}
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  /** A table now, or nothing yet: the update comes when it arrives. */
  private wait<T>(table: T | Promise<T>): T | undefined {
    if (!(table instanceof Promise)) return table;
    void table.then(() => this.host.requestUpdate());
    return undefined;
  }

  private get t(): ListMessages {
    return this.texts!.t;
  }

  /** An amount as the page's language writes it. */
  private won(amount: number): string {
    return wonIn(resolveLocale(this.host), amount);
  }

  private get w(): FirstMessages {
    return this.texts!.w;
  }

  private api() {
    return new ListApi({ endpoint: this.host.endpoint, locale: resolveLocale(this.host), token: this.host.token });
  }

  /** The `limit` attribute, within what the API allows. */
  private pageSize() {
    const limit = this.host.limit;
    return Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_PAGE) : DEFAULT_PAGE;
  }

  private sourceKey() {
    return `${this.host.endpoint}\n${this.host.token ?? ''}`;
  }

  /** From the beginning: another endpoint or token, another day, or newly on the page. */
  private restart() {
    this.source = this.sourceKey();
    this.generation++;
    this.links.clear();
    this.summary = undefined;
    this.nextCursor = null;
    this.pagesRead = 0;
    this.loading = true;
    this.day = kstDate(this.now);
    void this.reload();
    this.feed.start();
  }

  /** Reads the first page again (and the totals), keeping rows read beyond it. */
  private async reload() {
    const generation = this.generation;
    this.scheduleSummary(0);
    try {
      const page = await this.api().list({ limit: this.pageSize() });
      if (generation !== this.generation) return;
      for (const link of page.data) this.links.set(link.id, link);
      if (this.pagesRead <= 1) {
        this.nextCursor = page.nextCursor;
        this.pagesRead = 1;
      }
      this.loadFailure = undefined;
    } catch (error) {
      if (generation !== this.generation) return;
      this.loadFailure = this.describe(error);
    } finally {
      if (generation === this.generation) this.loading = false;
      this.host.requestUpdate();
    }
  }

  private async more() {
    const generation = this.generation;
    const cursor = this.nextCursor;
    if (cursor === null) return;
    try {
      const page = await this.api().list({ limit: this.pageSize(), cursor });
      if (generation !== this.generation) return;
      for (const link of page.data) this.links.set(link.id, link);
      this.nextCursor = page.nextCursor;
      this.pagesRead++;
      this.alert = undefined;
    } catch (error) {
      this.alert = this.describe(error);
    }
    this.host.requestUpdate();
  }

  private scheduleSummary(ms = SUMMARY_DELAY_MS) {
    clearTimeout(this.summaryTimer);
    const generation = this.generation;
    this.summaryTimer = setTimeout(async () => {
      try {
        const summary = await this.api().summary();
        if (generation !== this.generation) return;
        this.summary = summary;
        this.host.requestUpdate();
      } catch {
        // The list says what is wrong; the totals stay as they were.
      }
    }, ms);
  }

  /** A link's new version, from the stream, an answer or the form on the page. */
  private apply(link: ListedLink) {
    const previous = this.links.get(link.id);
    if (!previous && !madeToday(link, Date.now())) return;
    this.links.set(link.id, link);
    const state = rowState(link, this.now);
    if (previous && rowState(previous, this.now) !== state && this.texts) this.announce(this.t.changed(this.t.row(link.goodsName, this.won(link.amount)), this.t.states[state]));
    if (!previous || previous.status !== link.status || previous.refundedAmount !== link.refundedAmount) this.scheduleSummary();
    if (this.dialog?.link.id === link.id) this.dialog = { ...this.dialog, link } as ListDialog;
    this.host.requestUpdate();
  }

  private tick() {
    this.now = Date.now();
    // Midnight in Korea: a new day, a new list.
    if (kstDate(this.now) !== this.day) this.restart();
    this.host.requestUpdate();
  }

  private act(action: RowAction, link: ListedLink, button: HTMLElement) {
    this.alert = undefined;
    this.opener = { element: button, linkId: link.id };
    switch (action) {
      case 'qr':
        this.dialog = { kind: 'qr', link };
        void this.loadQr();
        break;
      case 'copy':
        void this.copy(link);
        break;
      case 'resend':
        void this.resend(link);
        break;
      case 'cancel':
        this.dialog = { kind: 'cancel', link, busy: false };
        break;
      case 'refund':
        this.dialog = { kind: 'refund', link, step: 'amount', whole: true, amountText: '', busy: false };
        break;
      case 'request-again':
        void this.requestAgain(link);
        break;
    }
    this.host.requestUpdate();
  }

  private async loadQr() {
    try {
      this.qr ??= (await import('../qr-view.js')).renderQr;
    } catch (error) {
      this.alert = this.describe(error);
      this.dialog = undefined;
    }
    this.host.requestUpdate();
  }

  private async copy(link: ListedLink) {
    const url = link.shortUrl ?? link.url;
    if (!url) return;
    try {
      await copyText(url);
      this.announce(this.w.copied);
    } catch {
      this.announce(this.w.copyFailed);
    }
  }

  private async resend(link: ListedLink) {
    await this.busyWith(link, async () => {
      const resent = await this.api().resend(link.id);
      this.apply(resent);
      this.announce(this.t.resent);
      emit(this.host, 'pay-link-resent', { link: resent });
    });
  }

  private async requestAgain(link: ListedLink) {
    await this.busyWith(link, async () => {
      // The same sale, with a new order id (the backend makes one).
      const made = await this.api().create({ provider: link.provider, amount: link.amount, goodsName: link.goodsName }, newIdempotencyKey());
      this.apply(made);
      this.announce(this.t.requestedAgain(this.t.row(made.goodsName, this.won(made.amount))));
      this.opener = undefined;
      this.dialog = { kind: 'qr', link: made };
      await this.loadQr();
    });
  }

  /** Runs an action on a row's link, its buttons busy meanwhile; a failure is shown above the list. */
  private async busyWith(link: ListedLink, run: () => Promise<void>) {
    if (this.busy.has(link.id)) return;
    this.busy.add(link.id);
    this.host.requestUpdate();
    try {
      await run();
    } catch (error) {
      this.alert = this.describe(error);
      this.announce(this.alert);
    } finally {
      this.busy.delete(link.id);
      this.host.requestUpdate();
    }
  }

  private async cancel() {
    const dialog = this.dialog;
    if (dialog?.kind !== 'cancel' || dialog.busy) return;
    this.dialog = { ...dialog, busy: true, failure: undefined };
    this.host.requestUpdate();
    try {
      const { cancellation, ...cancelled } = await this.api().cancel(dialog.link.id);
      this.apply(cancelled);
      this.dialog = undefined;
      this.announce(this.t.cancelled(this.t.row(cancelled.goodsName, this.won(cancelled.amount))));
      emit(this.host, 'pay-link-cancelled', { link: cancelled, mode: cancellation.mode });
      await this.refocus();
    } catch (error) {
      if (this.dialog?.link.id === dialog.link.id) this.dialog = { ...dialog, busy: false, failure: this.describe(error) };
    }
    this.host.requestUpdate();
  }

  private editRefund(change: Partial<Extract<ListDialog, { kind: 'refund' }>>) {
    if (this.dialog?.kind !== 'refund') return;
    this.dialog = { ...this.dialog, ...change };
    this.host.requestUpdate();
  }

  private refundNext(t: ListMessages) {
    const dialog = this.dialog;
    if (dialog?.kind !== 'refund') return;
    const most = refundable(dialog.link);
    const amount = parseWon(dialog.amountText);
    if (!dialog.whole && (amount === null || amount < 1 || amount > most)) {
      this.editRefund({ error: t.refundAmountInvalid(this.won(most)) });
      void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('#refund-amount')?.focus());
      return;
    }
    this.editRefund({ step: 'confirm', key: newIdempotencyKey(), failure: undefined });
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('dialog [part~="confirm"]')?.focus());
  }

  private async refund() {
    const dialog = this.dialog;
    if (dialog?.kind !== 'refund' || dialog.step !== 'confirm' || dialog.busy) return;
    const amount = dialog.whole ? refundable(dialog.link) : parseWon(dialog.amountText)!;
    this.editRefund({ busy: true, failure: undefined });
    try {
      const answer = await this.api().refund(dialog.link.id, dialog.whole ? undefined : amount, dialog.key ?? newIdempotencyKey());
      const link = answer?.id === dialog.link.id ? answer : dialog.link;
      this.apply(link);
      this.dialog = undefined;
      // A refund whose answer the gateway lost stays pending on the server: it is not announced as done.
      if ((link as PaymentLink).refunds?.at(-1)?.status === 'pending') this.announce(this.t.refundPending(this.won(amount)));
      else {
        this.announce(this.t.refunded(this.won(amount)));
        emit(this.host, 'pay-link-refunded', { link: link as PaymentLink, amount });
      }
      this.scheduleSummary();
      await this.refocus();
    } catch (error) {
      const failure = ApiFailure.from(error);
      // A backend without refunds yet answers that no such route exists.
      const message = failure.options.status === 404 || failure.options.status === 405 ? this.t.refundUnavailable : this.describe(failure);
      if (this.dialog?.link.id === dialog.link.id) this.dialog = { ...dialog, busy: false, failure: message };
    }
    this.host.requestUpdate();
  }

  private closeDialog() {
    if (!this.dialog) return;
    this.dialog = undefined;
    this.host.requestUpdate();
    void this.refocus();
  }

  /** Focus back where it was before the dialog, or on the row's first button when that one is gone. */
  private async refocus() {
    await this.host.updateComplete;
    const opener = this.opener;
    this.opener = undefined;
    if (opener?.element.isConnected) return opener.element.focus();
    const row = opener && this.host.renderRoot.querySelector<HTMLElement>(`[data-id="${opener.linkId}"]`);
    (row?.querySelector<HTMLElement>('button') ?? this.host.renderRoot.querySelector<HTMLElement>('#list-title'))?.focus();
  }

  private describe(error: unknown): string {
    return ApiFailure.from(error).describe(this.texts?.w.errors ?? {});
  }

  /** Says `text` in the live region, again even when it is what it last said. */
  private announce(text: string) {
    this.announcement = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      this.announcement = text;
      this.host.requestUpdate();
    });
  }
}
