/**
 * PayWelcome's hashes as the emulator checks and makes them: SHA-256 over
 * UTF-8 text, lowercase hex. Written apart from the adapter's signature.ts,
 * from PayWelcome's documents (see server/providers/paywelcome/README.md for
 * what is uncertain about both formulas).
 */

import { createHash, timingSafeEqual } from 'node:crypto';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `makeUrl`'s 검증값: `Sha256(mid+mkey+P_OID+P_AMT+timestamp)`, each as sent, with no separator. */
export function expectedMakeUrlSignature(form: URLSearchParams, mkey: string): string {
  const field = (name: string) => form.get(name) ?? '';
  return sha256Hex(field('mid') + mkey + field('P_OID') + field('P_AMT') + field('timestamp'));
}

/** A PAYAPI cancel's (`/cancel/cancel`, `/cancel/repay`): `SHA256 (mid+mkey+timestamp)`, each as sent. */
export function expectedCancelSignature(form: URLSearchParams, mkey: string): string {
  return sha256Hex((form.get('mid') ?? '') + mkey + (form.get('timestamp') ?? ''));
}

/**
 * The `Signature` of a transaction notification. PayWelcome publishes no
 * formula; sha256(mid + signKey + oid + price + transType) is the assumption
 * the adapter's README states, written here again so the emulator signs
 * what that README says, not what the adapter's code does.
 */
export function notificationSignature(fields: { mid: string; signKey: string; oid: string; price: string; transType: string }): string {
  return sha256Hex(fields.mid + fields.signKey + fields.oid + fields.price + fields.transType);
}

/** Compares in constant time, as a gateway would. */
export function sameSignature(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
