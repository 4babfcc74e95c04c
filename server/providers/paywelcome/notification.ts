/**
 * PayWelcome's transaction notification (거래알림). The merchant chooses JSON
 * or `key=value&…` in PayWelcome's admin; both are read. It is answered with
 * the bare text `OK`; anything else makes PayWelcome send it again (up to 20
 * times).
 *
 * PayWelcome does not publish its field names or which fields its
 * `Signature` covers. Until a contract says otherwise we assume the INICIS
 * family's names (`mid`, `tid`, `oid`, `price`) and the formula in
 * signature.ts, as ./README.md states them.
 */

import type { PaymentMethod } from '../../../core/link.js';
import { parseKst } from '../../../core/kst.js';
import { notificationSignature, signaturesEqual } from './signature.js';
import { readAmount, readFields, required, type NotificationCodec, type PaymentReport, type ProviderNotification } from '../notification.js';

/** transType: 00 approval, 01 cancel, 11 partial cancel; virtual-account events are not ours. */
const KINDS: Record<string, ProviderNotification['kind']> = { '00': 'paid', '01': 'cancelled', '11': 'cancelled' };

/** `payMethod`, in either case PayWelcome writes it (wire.ts `PAY_TYPE_OF_METHOD`). */
const METHODS: Record<string, PaymentMethod> = { card: 'card', mobile: 'mobile', hpp: 'mobile', bank: 'bank_transfer', vbank: 'virtual_account' };

/** The approval as staff read it back; PayWelcome names no card issuer in the fields we assume. */
function paymentOf(fields: Record<string, string>): PaymentReport {
  const approvedAt = parseKst(`${fields.applDate ?? ''}${fields.applTime ?? ''}`);
  return {
    method: METHODS[fields.payMethod?.toLowerCase() ?? ''] ?? 'other',
    ...(fields.applNum && { approvalNo: fields.applNum }),
    ...(approvedAt && { approvedAt: approvedAt.getTime() }),
  };
}

export function paywelcomeNotifications(signKey: string | undefined): NotificationCodec {
  return {
    parse(body, contentType) {
      const fields = readFields(body, contentType);
      const type = required(fields, 'transType');
      const merchantId = required(fields, 'mid');
      const orderId = required(fields, 'oid');
      const price = required(fields, 'price');
      const signature = required(fields, 'Signature');
      const expected = signKey && notificationSignature({ mid: merchantId, signKey, orderId, amount: price, transType: type });
      const { Signature: _, ...kept } = fields;
      return {
        provider: 'paywelcome',
        kind: KINDS[type] ?? 'other',
        type,
        merchantId,
        orderId,
        transactionId: required(fields, 'tid'),
        amount: readAmount(price),
        // Assumed, as the rest of this format: `payMethod` on a payment, `price` the amount a cancellation gave back.
        ...(KINDS[type] === 'paid' && fields.payMethod && { method: fields.payMethod }),
        ...(KINDS[type] === 'paid' && fields.P_CARD_PRTC_CODE && { partialRefunds: fields.P_CARD_PRTC_CODE === '1' }),
        ...(KINDS[type] === 'paid' && { payment: paymentOf(fields) }),
        ...(KINDS[type] === 'cancelled' && { refund: { amount: readAmount(price) } }),
        authentic: Boolean(expected) && signaturesEqual(signature, expected as string),
        fields: kept,
      };
    },

    reply(accepted) {
      return { status: 200, contentType: 'text/plain; charset=utf-8', body: accepted ? 'OK' : 'FAIL' };
    },
  };
}
