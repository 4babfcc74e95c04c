import type { SharedMessages } from './types.js';

/** `600` → "10 minutes", `86400` → "1 day": a wait or a window, rounded up to its largest unit. */
function duration(seconds: number): string {
  const [count, unit] =
    seconds < 60 ? [seconds, 'second'] : seconds < 3600 ? [Math.ceil(seconds / 60), 'minute'] : seconds < 86_400 ? [Math.ceil(seconds / 3600), 'hour'] : [Math.ceil(seconds / 86_400), 'day'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

export const en: SharedMessages = {
  fields: {
    provider: 'Provider',
    amount: 'Amount',
    goodsName: 'Product name',
    orderId: 'Order number',
    'customer.name': 'Customer name',
    'customer.phone': 'Customer mobile number',
    'customer.email': 'Customer email',
    delivery: 'Delivery',
    message: 'Message',
    expiresAt: 'Expiry time',
  },
  problems: {
    required: ({ label }) => `Enter the ${label.toLowerCase()}.`,
    invalid_type: ({ label }) => `${label} has the wrong format.`,
    unknown_field: ({ label }) => `Unknown field: ${label}`,
    not_integer: ({ label }) => `${label} must be a whole number of won, without a decimal point or exponent.`,
    amount_range: ({ min, max }) => `The amount must be between ₩${Number(min).toLocaleString('en')} and ₩${Number(max).toLocaleString('en')}.`,
    too_long: ({ label, bytes, limit }) => `${label} is too long: ${bytes} of ${limit} bytes (each Korean letter counts as 2).`,
    unencodable: ({ label, char }) => `${label} contains “${char}”, which the payment provider cannot accept.`,
    forbidden_char: ({ label, char }) => `${label} cannot contain “${char}”.`,
    invalid_order_id: ({ label }) => `${label} may contain only letters, digits, - and _.`,
    duplicate_order_id: ({ label }) => `This ${label.toLowerCase()} has been used already.`,
    invalid_phone: () => 'Enter a Korean mobile number, e.g. 010-1234-5678.',
    invalid_email: () => 'Enter a valid email address.',
    phone_required_for_sms: () => 'A customer mobile number is needed to send the link by text message.',
    sms_not_supported: () => 'This provider cannot text the link. Hand the link to the customer yourself.',
    invalid_date: ({ label }) => `${label} is not a valid date.`,
    expires_in_past: ({ minutes }) => `The expiry time must be at least ${minutes} minutes from now.`,
    expires_too_late: ({ hours }) => `This provider's links last at most ${hours} hours.`,
    invalid_provider: () => 'This provider is not supported.',
    provider_not_configured: () => 'This payment provider is not set up here. Choose another, or ask your administrator.',
    refund_exceeds_remaining: ({ remaining }) => `At most ₩${Number(remaining).toLocaleString('en-US')} can be refunded.`,
    legacy_charset: ({ label, chars }) => `“${chars}” in ${label.toLowerCase()} may look garbled on some payment screens.`,
    sms_rate_limited: ({ count, windowSeconds, waitSeconds }) =>
      `This number can be texted at most ${count} times per ${duration(Number(windowSeconds))}. Try again in ${duration(Number(waitSeconds))}, or hand the link over yourself.`,
    token_mismatch: ({ label }) => `${label} is not the one this page allows.`,
  },
};
