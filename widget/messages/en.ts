import type { WidgetMessages } from './types.js';

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
const duration = (seconds: number) =>
  seconds < 60 ? plural(seconds, 'second') : seconds < 3600 ? plural(Math.ceil(seconds / 60), 'minute') : plural(Math.ceil(seconds / 3600), 'hour');

export const en: WidgetMessages = {
  optional: 'optional',
  won: 'won',
  bytes: (used, limit, uncounted) => `${used} / ${limit} bytes${uncounted.length ? ` (${uncounted.join(' ')} not counted)` : ''}`,
  deliveryProvider: 'The payment provider texts the customer',
  deliveryNone: 'I hand over the link (QR, copy, share)',
  submit: (amount) => (amount ? `Create a ${amount} payment link` : 'Create a payment link'),
  submitting: 'Creating the payment link…',
  retryIn: (wait) => `You can try again in ${wait}.`,
  duration,

  resultTitle: 'Payment link ready',
  textedTitle: 'Payment link texted to the customer',
  via: (provider, switched) => (switched ? `Made with ${provider}: the first provider was unavailable` : `Payment provider: ${provider}`),
  providerNames: { kicc: 'KICC EasyPay', paywelcome: 'PayWelcome' },
  qrLabel: (amount) => `QR code to pay ${amount}`,
  linkLabel: 'Payment link',
  copy: 'Copy link',
  copied: 'Link copied',
  copyFailed: 'Could not copy. The link is selected: copy it yourself.',
  sms: 'Text from this device',
  smsBody: (shop, goodsName, amount, url) => `${shop ? `${shop}: payment request` : 'Payment request'}: ${goodsName} ${amount}\n${url}`,
  sentTo: (phone) => `Texted to ${phone}`,
  resend: 'Resend text',
  resent: (phone) => `Texted again to ${phone}`,
  share: 'Share',
  wrongNumber: 'Wrong number?',
  correctNumberLabel: 'Correct mobile number',
  correctNumberHelp: 'This link is cancelled and a new one, for the same sale, is texted to this number.',
  sendToCorrected: 'Cancel and text this number',

  cancel: 'Cancel link',
  cancelling: 'Cancelling…',
  cancelledNote: (local, provider, until) =>
    local
      ? `The QR code and link no longer work. ${provider} cannot withdraw a link, though: a payment page the customer already opened stays open until ${until}, and a payment made there is recorded as paid.`
      : 'The customer can no longer pay with this link.',
  stillPayableTitle: 'This link can still be paid',
  stillPayableBody: (goodsName, amount) => `Cancel the link for ${goodsName}, ${amount}? Otherwise the customer can still pay with it.`,
  cancelAndNew: 'Cancel it and start anew',
  keepAndNew: 'Keep it and start anew',
  keepNote: 'A kept link stays in today’s list and can be paid until it expires.',
  back: 'Back',

  waiting: 'Waiting for payment',
  opened: 'Customer opened the link',
  reconnecting: 'Connection to the server lost; reconnecting. The payment may show late.',
  expiresIn: (remaining) => `Expires in ${remaining}`,
  days: (count) => `${count}d`,
  expired: 'This link has expired',
  makeNew: 'Make it again',
  paid: 'Paid',
  paidAt: (amount, time) => `${amount} paid at ${time}`,
  paymentMethods: { card: 'Card', bank_transfer: 'Bank transfer', virtual_account: 'Virtual account', mobile: 'Mobile phone', easy_pay: 'Easy pay', prepaid: 'Prepaid', other: 'Other' },
  methodLabel: 'Method',
  issuerLabel: 'Card issuer',
  approvalLabel: 'Approval no.',
  cancelled: 'This link was cancelled',
  failed: 'The payment provider could not make the link',
  checkingTitle: 'Checking with the payment provider',
  checking: 'Please wait rather than asking again, so the link is not made twice.',
  newRequest: 'New request',

  errors: {
    network_error: 'Could not reach the server. Check the connection and try again.',
    offline: 'You are offline. Try again once you are connected.',
    timeout: 'The server did not answer in time. Try again.',
    bad_response: 'The server sent an answer we could not read. Try again shortly.',
    missing_endpoint: 'The payment server address (endpoint) is not set.',
  },
  retry: 'Try again',
};
