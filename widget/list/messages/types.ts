/** The words of `<pay-link-list>`; failures the browser meets are the form's (widget/messages). */

/** What a row's status badge says. `waiting` and `opened` are both an `active` link: opened is when the customer has seen it. */
export type RowState = 'waiting' | 'opened' | 'paid' | 'partially_refunded' | 'refunded' | 'expired' | 'cancelled' | 'failed' | 'checking';

export interface ListMessages {
  title: string;
  loading: string;
  empty: string;
  more: string;
  /** The totals: paid links and their sum, refunds, what stays. */
  totals: string;
  paidTotal: (count: number, amount: string) => string;
  refundedTotal: string;
  netTotal: string;
  paidLabel: string;
  states: Record<RowState, string>;
  justNow: string;
  /** Says what a row is, for a screen reader's button names: `아메리카노 2잔 ₩15,000`. */
  row: (goodsName: string, amount: string) => string;
  via: (provider: string) => string;

  showQr: string;
  copy: string;
  resend: string;
  cancel: string;
  refund: string;
  requestAgain: string;
  close: string;

  qrTitle: string;
  cancelTitle: string;
  cancelBody: (what: string) => string;
  cancelConfirm: string;
  keep: string;
  refundTitle: string;
  refundAll: (amount: string) => string;
  refundPart: string;
  refundAmount: string;
  refundAmountHint: (max: string) => string;
  refundAmountInvalid: (max: string) => string;
  refundNext: string;
  refundConfirmBody: (amount: string, what: string) => string;
  irreversible: string;
  refundConfirm: (amount: string) => string;
  back: string;
  refundUnavailable: string;

  cancelled: (what: string) => string;
  refunded: (amount: string) => string;
  /** The gateway's answer was lost: the refund is being checked, never sent twice. */
  refundPending: (amount: string) => string;
  resent: string;
  requestedAgain: (what: string) => string;
  changed: (what: string, state: string) => string;
  retry: string;
}
