/** Identifiers we mint: unguessable where they are capabilities, readable where staff see them. */

import { randomInt } from 'node:crypto';
import { formatKst } from '../../core/kst.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` random characters of 0-9, A-Z and a-z. */
export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

/** `pl_` and 20 base62 characters (119 bits): the API id of a link. */
export const newLinkId = () => `pl_${randomBase62(20)}`;

/**
 * The token of the short link `/p/{token}`: 10 base62 characters (59 bits),
 * unguessable yet short, so the QR code stays coarse and scans fast.
 */
export const newShortToken = () => randomBase62(10);

/**
 * An order number when the merchant gives none: `PL`, the Korea-time
 * timestamp and 6 random characters — 22 characters, inside PayWelcome's 30
 * bytes and readable on a receipt.
 */
export const newOrderId = (now: number) => `PL${formatKst(now)}${randomBase62(6)}`;

/** `rf_` and 20 base62 characters: the API id of a refund. */
export const newRefundId = () => `rf_${randomBase62(20)}`;

/**
 * Our key for one refund at the gateway (KICC `shopTransactionId`, 60 bytes at
 * most): `RF`, the Korea-time timestamp and 12 random characters. Letters and
 * digits only, since KICC refuses `|` and other characters in any field.
 */
export const newRefundKey = (now: number) => `RF${formatKst(now)}${randomBase62(12)}`;
