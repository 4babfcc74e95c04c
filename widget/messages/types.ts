/**
 * The widget's own words. Field labels, field problems and API errors are
 * not here: the server words them too, so they live in core/messages.
 */
export interface WidgetMessages {
  optional: string;
  /** Unit shown after the amount input. */
  won: string;
  bytes: (used: number, limit: number) => string;
  deliveryProvider: string;
  deliveryNone: string;
  submit: (amount: string | undefined) => string;
  submitting: string;

  resultTitle: string;
  /** Which gateway holds the link; `switched` when another one was down and it failed over. */
  via: (provider: string, switched: boolean) => string;
  /** Gateways' names as staff know them; an id not here is shown as it is. */
  providerNames: Partial<Record<string, string>>;
  qrLabel: (amount: string) => string;
  linkLabel: string;
  copy: string;
  copied: string;
  copyFailed: string;
  sms: string;
  smsBody: (goodsName: string, amount: string, url: string) => string;
  sentTo: (maskedPhone: string) => string;
  resend: string;
  resent: (maskedPhone: string) => string;
  share: string;

  waiting: string;
  opened: string;
  expiresIn: (remaining: string) => string;
  days: (count: number) => string;
  expired: string;
  makeNew: string;
  paid: string;
  paidAt: (amount: string, time: string) => string;
  cancelled: string;
  failed: string;
  checkingTitle: string;
  checking: string;
  newRequest: string;

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
