/**
 * KICC's payment notification. Current merchants get JSON (camelCase) and
 * answer `{"resCd":"0000"}`; older ones get a form in snake_case and answer
 * `res_cd=0000^res_msg=SUCCESS`. Either may arrive, so both are read and each
 * is answered in its own format. KICC does not sign notifications: trust
 * comes from its source addresses and from matching a link we issued.
 */

import type { PaymentMethod } from '../../../core/link.js';
import { parseKst } from '../../../core/kst.js';
import { MalformedNotification, readAmount, readFields, required, type NotificationCodec, type PaymentReport, type ProviderNotification } from '../notification.js';

/** notiType: 10 approval, 20 change (cancel or refund of a payment); deposits and escrow are not ours. */
const KINDS: Record<string, ProviderNotification['kind']> = { '10': 'paid', '20': 'cancelled' };

/** `payMethodTypeCode` (wire.ts): 11 card, 21 bank transfer, 22 virtual account, 31 mobile, 50 prepaid, 60 easy pay. */
const METHODS: Record<string, PaymentMethod> = { '11': 'card', '21': 'bank_transfer', '22': 'virtual_account', '31': 'mobile', '50': 'prepaid', '60': 'easy_pay' };

/** The approval as staff read it back: the method, the card's issuer, the approval number and time. */
function paymentOf(fields: Record<string, string>, legacy: boolean): PaymentReport {
  const code = legacy ? fields.pay_type : fields.payMethodTypeCode;
  const issuer = legacy ? fields.issuer_nm : fields.issuerName;
  const approvalNo = legacy ? fields.auth_no : fields.approvalNo;
  const approvedAt = parseKst((legacy ? fields.tran_date : fields.transactionDate) ?? '');
  return {
    method: (code && METHODS[code]) || 'other',
    ...(issuer && { cardIssuer: issuer }),
    ...(approvalNo && { approvalNo }),
    ...(approvedAt && { approvedAt: approvedAt.getTime() }),
  };
}

const isForm = (contentType: string | undefined) => contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded') ?? false;

export const kiccNotifications: NotificationCodec = {
  parse(body, contentType) {
    const fields = readFields(body, contentType);
    const legacy = 'res_cd' in fields || 'noti_type' in fields;
    const get = (camel: string, snake: string) => required(fields, legacy ? snake : camel);
    const resCd = get('resCd', 'res_cd');
    if (resCd !== '0000') throw new MalformedNotification(`resCd ${resCd} is not a completed transaction`);
    const type = get('notiType', 'noti_type');
    const kind = KINDS[type] ?? 'other';
    // A cancellation carries the original payment's pgCno and its own cancelPgCno, and what it gave back.
    const cancelRef = legacy ? undefined : fields.cancelPgCno;
    const cancelAmount = legacy ? fields.mgr_amt : fields.cancelAmount;
    const remaining = legacy ? undefined : fields.cancelRemainAmount;
    return {
      provider: 'kicc',
      kind,
      type,
      merchantId: get('mallId', 'memb_id'),
      orderId: get('shopOrderNo', 'order_no'),
      transactionId: (kind === 'cancelled' && cancelRef) || get('pgCno', 'cno'),
      amount: readAmount(get('amount', 'amount')),
      ...(kind === 'paid' && { method: legacy ? fields.pay_type : fields.payMethodTypeCode, payment: paymentOf(fields, legacy) }),
      ...(kind === 'paid' && fields.partCancelUsed && { partialRefunds: fields.partCancelUsed === 'Y' }),
      ...(kind === 'cancelled' && {
        refund: { amount: readAmount(cancelAmount ?? get('amount', 'amount')), ...(remaining !== undefined && { remaining: readAmount(remaining) }) },
      }),
      authentic: true,
      fields,
    };
  },

  reply(accepted, contentType) {
    if (isForm(contentType)) {
      return {
        status: 200,
        contentType: 'text/plain; charset=utf-8',
        body: accepted ? 'res_cd=0000^res_msg=SUCCESS' : 'res_cd=5001^res_msg=FAIL',
      };
    }
    return {
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify(accepted ? { resCd: '0000', resMsg: '정상' } : { resCd: '5001', resMsg: '처리실패' }),
    };
  },
};
