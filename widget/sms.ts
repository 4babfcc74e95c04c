/**
 * An `sms:` link with the message filled in. The body's separator differs:
 * Apple's Messages reads `sms:NUMBER&body=…` (and `sms:&body=…` without a
 * number), Android and the rest read the RFC 5724 form `sms:NUMBER?body=…`.
 */

import { phoneDigits } from '../core/phone.js';

/** iPhone, iPod, iPad, and iPadOS / macOS, which both say "Macintosh". */
export const isApple = (userAgent: string): boolean => /iPhone|iPad|iPod|Macintosh/.test(userAgent);

/**
 * Whether this device can text from its own messages app: a phone (or a
 * tablet with a SIM), not a desktop, where an `sms:` link does nothing.
 */
export const canTextFromDevice = (userAgent = navigator.userAgent): boolean =>
  /iPhone|iPod|Android/.test(userAgent) || matchMedia('(pointer: coarse)').matches;

export function smsHref(phone: string | undefined, body: string, userAgent = navigator.userAgent): string {
  const number = phone ? phoneDigits(phone) : '';
  return `sms:${number}${isApple(userAgent) ? '&' : '?'}body=${encodeURIComponent(body)}`;
}
