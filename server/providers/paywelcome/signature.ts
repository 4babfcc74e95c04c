/**
 * PayWelcome's hashes, one formula each, as the adapter reads PayWelcome's
 * documents (./README.md says what is uncertain about both). Every hash is
 * SHA-256 over UTF-8 text, written as lowercase hex.
 */

import { createHash, timingSafeEqual } from 'node:crypto';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface UrlSignatureInput {
  mid: string;
  /** The merchant's hash key (see `mkeyFromSignKey`). */
  mkey: string;
  /** `P_OID`. */
  oid: string;
  /** `P_AMT` exactly as sent: the signature covers the text, not the number. */
  amount: string;
  /** `timestamp` exactly as sent (`yyyyMMddHHmmss`, Korea time). */
  timestamp: string;
}

/**
 * `signature` of `POST /smspay/makeUrl`: sha256(mid + mkey + P_OID + P_AMT +
 * timestamp), a plain concatenation without separators, as the makeUrl
 * table's 검증값 says (./README.md).
 */
export function makeUrlSignature({ mid, mkey, oid, amount, timestamp }: UrlSignatureInput): string {
  return sha256Hex(mid + mkey + oid + amount + timestamp);
}

/**
 * `signature` of PAYAPI's refunds (`/cancel/cancel`, `/cancel/repay`):
 * sha256(mid + mkey + timestamp), as PayWelcome's field table writes it.
 * Uncertain (README.md "Refunds"): PayWelcome's own sample hashes
 * `mid=…&mkey=…&timestamp=…` instead.
 */
export function cancelSignature({ mid, mkey, timestamp }: { mid: string; mkey: string; timestamp: string }): string {
  return sha256Hex(mid + mkey + timestamp);
}

/** PayWelcome (like INICIS) hands merchants a sign key; the `mkey` its APIs hash with is sha256(signKey). */
export function mkeyFromSignKey(signKey: string): string {
  return sha256Hex(signKey);
}

export interface NotificationSignatureInput {
  mid: string;
  signKey: string;
  orderId: string;
  /** The amount field exactly as it arrived. */
  amount: string;
  /** `00` approval, `01` cancel, … */
  transType: string;
}

/**
 * `Signature` of a transaction notification (거래알림). PayWelcome does not
 * publish which fields it covers or in which order; this formula —
 * sha256(mid + signKey + orderId + amount + transType) — is OUR assumption,
 * stated in ./README.md (the emulator signs by that text) until a merchant
 * contract gives the real one.
 */
export function notificationSignature({ mid, signKey, orderId, amount, transType }: NotificationSignatureInput): string {
  return sha256Hex(mid + signKey + orderId + amount + transType);
}

/** Compares two signatures in constant time, so timing reveals nothing of the expected one. */
export function signaturesEqual(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
