/**
 * The form's request sent and its link shown, or its failure: the half of
 * `<pay-link-request>` that runs only once staff send the form (or a reload
 * finds a link to show again), fetched with the rules (rules.ts).
 */

import type { CreateLinkRequest, PaymentLink } from '../core/link.js';
import type { SharedMessages } from '../core/messages/index.js';
import { describeProblem } from '../core/messages/describe.js';
import { isKoreanMobile } from '../core/phone.js';
import { ApiFailure, type LinkApi } from './api.js';
import type { Css } from './css.js';
import type { Draft } from './draft.js';
import { FIELD_OF } from './draft.js';
import { emit } from './events.js';
import type { Failure } from './form-view.js';
import type { LinkView, LinkViewHost } from './link-view.js';
import type { FormMessages } from './messages/index.js';
import { resolveLocale } from './messages/index.js';
import type { PosMode } from './pos/index.js';

/** What of the element these functions read and set (its private state: the element hands itself in). */
export interface SendingHost extends LinkViewHost {
  busy: boolean;
  failure?: Failure;
  serverErrors: Partial<Record<keyof Draft, string>>;
  view?: LinkView;
  resultStyles?: Css;
  shopName?: string;
  /** Remembers the link on screen for a reload (remembered.ts, whose record of what this page showed is the element's copy's). */
  remember(id: string): void;
  readonly t: FormMessages;
  texts(): SharedMessages;
  api(): LinkApi;
  adopt(): void;
  reset(empty: boolean): Promise<void>;
  resendTo(phone: string): Promise<void>;
  announce(text: string): void;
  focusInvalid(): Promise<void>;
  loadLinkView(): Promise<typeof import('./link-view.js')>;
  loadPos(): Promise<PosMode> | undefined;
}

/**
 * Creates the link (with `key`, so a retry is the same request) and shows it, or says what failed; `true` once
 * done with the request (shown, or refused for good), `false` while the very same request may be retried.
 */
export async function send(host: SendingHost, request: CreateLinkRequest, key: string, phone: string): Promise<boolean> {
  host.busy = true;
  host.failure = undefined;
  void host.loadLinkView().catch(() => undefined);
  try {
    const link = await host.api().create(request, key);
    await open(host, link.id, link, phone);
    return true;
  } catch (error) {
    const failure = ApiFailure.from(error);
    fail(host, failure);
    // The provider may hold the link: follow it rather than risk a second one.
    if (failure.options.linkId) await open(host, failure.options.linkId, undefined, phone).catch(() => undefined);
    return !failure.retryable;
  } finally {
    host.busy = false;
  }
}

/** An API failure as staff read it: the server's words (a field's, when `preferField`), and how long a retry must wait. */
function describeFailure(host: SendingHost, failure: ApiFailure, preferField = false): Failure {
  const message = (preferField && failure.options.fields?.[0]?.message) || failure.describe(host.t.errors);
  const wait = failure.options.retryAfter;
  if (!wait) return { message, retryable: failure.retryable };
  // The retry button comes back once the wait is over.
  setTimeout(() => host.requestUpdate(), wait * 1000 + 50);
  return { message, retryable: failure.retryable, retryAt: Date.now() + wait * 1000 };
}

function fail(host: SendingHost, failure: ApiFailure) {
  const described = describeFailure(host, failure);
  const placed: Partial<Record<keyof Draft, string>> = {};
  for (const { field, message } of failure.options.fields ?? []) {
    const name = FIELD_OF[field];
    if (name) placed[name] ??= message;
  }
  host.serverErrors = placed;
  // A link being checked says so itself; a number's text limit says it on the phone field, with the wait.
  const onField = failure.code === 'rate_limited' && Object.keys(placed).length > 0;
  if (!failure.options.linkId && !onField) host.failure = described;
  emit(host, 'pay-link-error', { code: failure.code, message: described.message, retryable: failure.retryable });
  if (Object.keys(placed).length) void host.focusInvalid();
}

/** Shows again the link with `id` that this tab was showing before a reload, live. */
export async function restore(host: SendingHost, id: string, isCurrent: () => boolean): Promise<boolean> {
  let link: PaymentLink | undefined;
  try {
    link = await host.api().get(id);
  } catch (error) {
    // Gone: nothing to show. Out of reach: shown anyway, reconnecting until the server is back.
    if (ApiFailure.from(error).options.status === 404) return false;
  }
  if (!host.view && isCurrent()) await open(host, id, link, '', { restored: true });
  return true;
}

/** Shows the link with `id` (checked with the server first when `link` is not known). */
async function open(host: SendingHost, id: string, link: PaymentLink | undefined, phone: string, { restored = false } = {}) {
  const [{ LinkView, resultStyles }, pos] = await Promise.all([host.loadLinkView(), host.loadPos()]);
  host.view?.dispose();
  if (!host.resultStyles) (host.resultStyles = resultStyles), host.adopt();
  const View = pos?.LinkView(LinkView) ?? LinkView;
  host.view = new View(host, {
    api: () => host.api(),
    messages: () => host.t,
    locale: () => resolveLocale(host),
    phone,
    shopName: () => host.shopName?.trim() || undefined,
    reset: (empty) => void host.reset(empty),
    resendTo: (corrected) => void host.resendTo(corrected),
    announce: (text) => host.announce(text),
    describe: (failure) => describeFailure(host, failure, true),
    phoneProblem: (typed) => (isKoreanMobile(typed) ? undefined : describeProblem({ field: 'customer.phone', code: 'invalid_phone' }, host.texts())),
    restyle: (styles) => host.resultStyles !== styles && ((host.resultStyles = styles), host.adopt()),
  });
  host.remember(id);
  host.view.show(id, link, { restored });
}
