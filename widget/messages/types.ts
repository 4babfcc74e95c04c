import type { PaymentMethod } from '../../core/link.js';

/**
 * The widget's own words. Field labels, field problems and API errors are
 * not here: the server words them too, so they live in core/messages. The
 * result's Korean words travel with the result view (ko-result.ts), POS
 * mode's with its chunk (pos/messages.ts).
 */
export type WidgetMessages = FormMessages & ResultMessages;

/**
 * The result's words for what shows only after a later event — the "wrong
 * number" form, the "still payable?" prompt, a cancelled link's note, the
 * payment's details — which Korean fetches after the QR code (result-later.ts).
 */
export type LaterKey =
  | 'correctNumberLabel'
  | 'correctNumberHelp'
  | 'sendToCorrected'
  | 'cancelledNote'
  | 'stillPayableTitle'
  | 'stillPayableBody'
  | 'cancelAndNew'
  | 'keepAndNew'
  | 'keepNote'
  | 'back'
  | 'paidAt'
  | 'paymentMethods'
  | 'methodLabel'
  | 'issuerLabel'
  | 'approvalLabel';

/** What the form and the link's first view say: in every table from the start. */
export type FirstMessages = FormMessages & Omit<ResultMessages, LaterKey>;

/** What the form says. */
export interface FormMessages {
  optional: string;
  /** Unit shown after the amount input. */
  won: string;
  /** The product name's bytes; `uncounted`: characters no provider can take, which count for nothing. */
  bytes: (used: number, limit: number, uncounted: string[]) => string;
  deliveryProvider: string;
  deliveryNone: string;
  submit: (amount: string | undefined) => string;
  submitting: string;
  /** A refusal that waits: try again after `wait` (e.g. "30초"). */
  retryIn: (wait: string) => string;
  /** `seconds` as a wait in words ("5분"). */
  duration: (seconds: number) => string;

  /** Failures the browser meets before any answer from the server. */
  errors: {
    network_error: string;
    offline: string;
    timeout: string;
    bad_response: string;
    missing_endpoint: string;
  };
  retry: string;
}

/** What the link on screen says. */
export interface ResultMessages {
  resultTitle: string;
  /** The provider texted the link. */
  textedTitle: string;
  /** Which gateway holds the link; `switched` when another one was down and it failed over. */
  via: (provider: string, switched: boolean) => string;
  /** Gateways' names as staff know them; an id not here is shown as it is. */
  providerNames: Partial<Record<string, string>>;
  qrLabel: (amount: string) => string;
  linkLabel: string;
  copy: string;
  copied: string;
  copyFailed: string;
  /** Texting the link from this device's own messages app. */
  sms: string;
  smsBody: (shop: string | undefined, goodsName: string, amount: string, url: string) => string;
  sentTo: (phone: string) => string;
  resend: string;
  resent: (phone: string) => string;
  share: string;
  wrongNumber: string;
  correctNumberLabel: string;
  correctNumberHelp: string;
  sendToCorrected: string;

  cancel: string;
  cancelling: string;
  /** The link was withdrawn at the provider, or (`local`) only here: the provider's own page stays open until `until`. */
  cancelledNote: (local: boolean, provider: string, until: string) => string;
  /** Asked on "new request" while the link on screen can still be paid. */
  stillPayableTitle: string;
  stillPayableBody: (goodsName: string, amount: string) => string;
  cancelAndNew: string;
  keepAndNew: string;
  keepNote: string;
  back: string;

  waiting: string;
  opened: string;
  /** The connection to the server is lost: no live word on the payment until it is back. */
  reconnecting: string;
  expiresIn: (remaining: string) => string;
  days: (count: number) => string;
  expired: string;
  makeNew: string;
  paid: string;
  paidAt: (amount: string, time: string) => string;
  paymentMethods: Record<PaymentMethod, string>;
  methodLabel: string;
  issuerLabel: string;
  approvalLabel: string;
  cancelled: string;
  failed: string;
  checkingTitle: string;
  checking: string;
  newRequest: string;
}
