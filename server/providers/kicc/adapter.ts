/**
 * KICC EasyPay adapter: registers, re-texts and cancels SMS payment links,
 * and refunds what was paid on them.
 * Byte limits KICC enforces are checked here first, so a request it would
 * refuse for them is never sent.
 */

import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import { checkBytes, cp949ByteLength, firstUnencodable } from '../../../core/bytes.js';
import { formatKst, parseKst } from '../../../core/kst.js';
import { phoneDigits } from '../../../core/phone.js';
import { PROVIDERS } from '../../../core/providers.js';
import type { LinkRecord } from '../../links/record.js';
import { postToProvider, type ProviderResponse } from '../http.js';
import { badResponse as anyBadResponse, localRefusal as anyLocalRefusal, parseJson, refusal } from '../replies.js';
import {
  CANCEL_BYTES,
  KICC_PATHS,
  PARTIAL_REVISE_CODE,
  REVISE_BYTES,
  revisedReplySchema,
  type ReviseBody,
  KICC_SUCCESS,
  ORDER_INFO_BYTES,
  REG_INFO_BYTES,
  cancelledReplySchema,
  registeredReplySchema,
  replyEnvelopeSchema,
  type CancelBody,
  type DirectRegInfo,
  type RegisterBody,
  type ReplyEnvelope,
} from './wire.js';
import type { PaymentProvider, Registration } from '../adapter.js';

export interface KiccOptions {
  /** Epoch ms; injectable so the wire dates are testable. */
  now?: () => number;
  /** Read on every call: the built-in emulator's address is known only once the server listens. */
  apiBase: () => string;
  /** Who the merchant is at KICC; the same as `mallId`. */
  merchantId?: string;
  mallId: string;
  /** Shown in the texts KICC sends. */
  mallName: string;
  /** The number KICC's texts come from. */
  senderNo: string;
  /** Signs refunds (`msgAuthValue`); registrations and cancels carry no signature. */
  secretKey: string;
  /** Who asks for a cancel, as KICC records it. */
  clientId?: string;
  timeoutMs: number;
  backoffMs?: number;
}

/** What a registration carries, whether from a new request or a stored link. */
interface Order {
  orderId: string;
  amount: number;
  goodsName: string;
  customerName?: string;
  customerPhone?: string;
  customerEmail?: string;
  message?: string;
  expiresAt?: Date | number;
}

const JSON_UTF8 = 'application/json; charset=utf-8';
const ALL_METHODS = '00';
const LUMP_SUM = '00';

export function createKiccProvider(options: KiccOptions): PaymentProvider {
  checkOptions(options);
  const { mallId, mallName, senderNo, clientId = 'pay-link' } = options;

  function registrationBody(kind: Pick<DirectRegInfo, 'regTxtype' | 'regSubtype' | 'pgCno'>, order: Order): RegisterBody {
    const sms = kind.regTxtype === '51';
    const phone = order.customerPhone ? phoneDigits(order.customerPhone) : undefined;
    if (sms && !phone) throw localRefusal('LOCAL_MISSING', 'rcvMobileNo: KICC is to text the link, but there is no phone number');
    // Keys left undefined are absent from the JSON, never null.
    const body: RegisterBody = {
      directRegInfo: {
        mallId,
        regTxtype: kind.regTxtype,
        regSubtype: kind.regSubtype,
        amount: order.amount,
        currency: '00',
        payCode: ALL_METHODS,
        pgCno: kind.pgCno,
        rcvMobileNo: sms ? phone : undefined,
        sndTelNo: sms ? senderNo : undefined,
        mallName: sms ? mallName : undefined,
        dispMsg: order.message,
        installmentMonth: LUMP_SUM,
        smsPayExpr: order.expiresAt === undefined ? undefined : formatKst(order.expiresAt),
      },
      directOrderInfo: {
        shopOrderNo: order.orderId,
        goodsName: order.goodsName,
        goodsAmount: order.amount,
        customerName: order.customerName,
        customerMail: order.customerEmail,
        customerContactNo: phone,
      },
    };
    checkByteLimits(body.directRegInfo, REG_INFO_BYTES);
    checkByteLimits(body.directOrderInfo, ORDER_INFO_BYTES);
    return body;
  }

  const send = (path: string, body: RegisterBody | CancelBody | ReviseBody, attempts: number) =>
    postToProvider({
      provider: 'kicc',
      url: `${options.apiBase()}${path}`,
      contentType: JSON_UTF8,
      body: JSON.stringify(body),
      timeoutMs: options.timeoutMs,
      backoffMs: options.backoffMs,
      attempts,
    });

  return {
    id: 'kicc',
    merchantId: mallId,

    async register(request): Promise<Registration> {
      const { customer } = request;
      const body = registrationBody(
        { regTxtype: request.delivery === 'provider-sms' ? '51' : '52', regSubtype: '10' },
        { ...request, customerName: customer.name, customerPhone: customer.phone, customerEmail: customer.email },
      );
      // The order number makes a repeat safe: KICC refuses to register it twice.
      const response = await send(KICC_PATHS.register, body, 3);
      // A retry refused as a duplicate ("중복 요청 오류") means an earlier try got through.
      const reply = readReply(response, registeredReplySchema);
      const expiresAt = parseKst(reply.expiryDate);
      if (!expiresAt) throw badResponse('expiryDate is not a yyyyMMddHHmmss time');
      if ((reply.amount ?? request.amount) !== request.amount || (reply.shopOrderNo ?? request.orderId) !== request.orderId) {
        throw badResponse('the answer names another order');
      }
      return { url: reply.authPageUrl, providerRef: reply.pgCno, expiresAt };
    },

    async resend(link) {
      const body = registrationBody({ regTxtype: '51', regSubtype: '11', pgCno: registrationOf(link) }, orderOf(link));
      // One try only: a repeat that got through would text the customer twice.
      readReply(await send(KICC_PATHS.register, body, 1), replyEnvelopeSchema);
    },

    refundRetrySafe: true,

    refundsPartly: (link) => link.partialRefunds !== 'N' && link.paymentMethod !== null && PARTIAL_REVISE_CODE[link.paymentMethod] !== undefined,

    async refund({ link, amount, remainingAfter, whole, gatewayKey, reason, retry }) {
      if (!link.paymentRef) throw localRefusal('LOCAL_MISSING', 'pgCno: the link has no KICC approval');
      const partialCode = link.paymentMethod ? PARTIAL_REVISE_CODE[link.paymentMethod] : undefined;
      if (!whole && !partialCode) throw localRefusal('LOCAL_UNSUPPORTED', `reviseTypeCode: no partial cancel for payMethodTypeCode ${link.paymentMethod}`);
      // The one place a KICC refund is built. Uncertain (README.md "Refunds"): whether `remainAmount` is what
      // remains after this refund (as sent here) or the balance before it; the hex case of `msgAuthValue`
      // (lower, as in KICC's examples); and that a repeated `shopTransactionId` on the same day is answered
      // with the first outcome rather than a duplicate error.
      const body: ReviseBody = {
        mallId,
        shopTransactionId: gatewayKey,
        pgCno: link.paymentRef,
        reviseTypeCode: whole ? '40' : partialCode!,
        ...(whole ? {} : { amount, remainAmount: remainingAfter }),
        cancelReqDate: formatKst(options.now?.() ?? Date.now()).slice(0, 8),
        clientId,
        reviseMessage: reason !== undefined && kiccAccepts(reason, REVISE_BYTES.reviseMessage) ? reason : undefined,
        msgAuthValue: createHmac('sha256', options.secretKey).update(`${link.paymentRef}|${gatewayKey}`).digest('hex'),
      };
      checkByteLimits(body, REVISE_BYTES);
      // One try per call: a retry is a later call with the same shopTransactionId (links/refund-service.ts).
      const response = await send(KICC_PATHS.revise, body, 1);
      // On a retry, a refusal as a duplicate says the first try reached KICC: its outcome stays unknown, never "failed".
      const reply = readReply(retry ? { ...response, attempt: 2 } : response, revisedReplySchema);
      if (reply.cancelAmount !== undefined && reply.cancelAmount !== amount) throw badResponse(`cancelAmount ${reply.cancelAmount} is not the ${amount} asked`);
      return { gatewayRef: reply.cancelPgCno ?? null };
    },

    async cancel(link) {
      const pgCno = registrationOf(link);
      const body: CancelBody = { mallId, reviseTypeCode: '10', reviseSubTypeCode: '30', pgCno, clientId };
      // Repeating a cancel is harmless, but a retry refused may be refused because an earlier try cancelled.
      const reply = readReply(await send(KICC_PATHS.cancel, body, 3), cancelledReplySchema, () => 'REFUSED_AFTER_RETRY');
      if ((reply.pgCno ?? pgCno) !== pgCno) throw badResponse('the answer names another registration');
    },
  };
}

/** Stops the process at start on settings KICC would refuse on every payment. */
function checkOptions({ mallId, mallName, senderNo, clientId }: KiccOptions) {
  const problems: string[] = [];
  // Not checkBytes: its warning about syllables old screens garble reads the whole KS X 1001 table, which start-up need not build.
  const bytes = (variable: string, value: string, limit: number) => {
    const char = firstUnencodable(value);
    const length = cp949ByteLength(value);
    if (value === '') problems.push(`${variable}: required`);
    else if (char !== undefined) problems.push(`${variable}: ${JSON.stringify(char)} cannot be encoded in CP949`);
    else if (length! > limit) problems.push(`${variable}: ${length} bytes in CP949, KICC allows ${limit}`);
  };
  bytes('KICC_MALL_ID', mallId, REG_INFO_BYTES.mallId);
  bytes('KICC_MALL_NAME', mallName, REG_INFO_BYTES.mallName);
  const blocked = [...mallName].find((char) => PROVIDERS.kicc.forbiddenChars.includes(char));
  if (blocked !== undefined) problems.push(`KICC_MALL_NAME: KICC refuses the character ${JSON.stringify(blocked)}`);
  if (!/^\d{8,11}$/.test(senderNo)) problems.push('KICC_SENDER_NO: digits only, 8 to 11 of them');
  if (clientId !== undefined) bytes('KICC_CLIENT_ID', clientId, CANCEL_BYTES.clientId);
  if (problems.length) throw new Error(`Invalid KICC configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
}

/**
 * Whether KICC takes `text` in a field of `limit` bytes. A refund's reason is
 * only a note for KICC's records (ours keeps it): one KICC would refuse is
 * left out rather than fail the refund.
 */
function kiccAccepts(text: string, limit: number): boolean {
  return checkBytes(text, limit).ok && ![...text].some((char) => PROVIDERS.kicc.forbiddenChars.includes(char));
}

function checkByteLimits(section: object, limits: Readonly<Record<string, number>>) {
  for (const [field, value] of Object.entries(section)) {
    const limit = limits[field];
    if (typeof value !== 'string' || limit === undefined) continue;
    const check = checkBytes(value, limit);
    if (check.ok) continue;
    const why = check.reason === 'too_long' ? `${check.bytes} bytes, KICC allows ${limit}` : `${JSON.stringify(check.char)} cannot be encoded in CP949`;
    throw localRefusal('LOCAL_LIMIT', `${field}: ${why}`);
  }
}

/**
 * The answer as `schema` reads it when KICC accepted the request. KICC answers
 * HTTP 200 with `resCd` even when it refuses; a 4xx counts as a refusal only
 * when it carries `resCd` too. `unknownAfterRetry` names the refusals that,
 * after a retry, may be caused by an earlier try that got through.
 */
function readReply<Schema extends z.ZodType<ReplyEnvelope>>(
  response: ProviderResponse,
  schema: Schema,
  unknownAfterRetry?: (message: string) => string | undefined,
): z.infer<Schema> {
  const json = parseJson(response.text);
  const envelope = replyEnvelopeSchema.safeParse(json);
  if (!envelope.success) throw badResponse(`HTTP ${response.status} without resCd and resMsg`);
  const { resCd, resMsg } = envelope.data;
  if (response.status >= 400 && resCd === KICC_SUCCESS) throw badResponse(`HTTP ${response.status} with resCd ${resCd}`);
  if (resCd !== KICC_SUCCESS) throw refusal('kicc', { code: resCd, message: resMsg, attempt: response.attempt }, unknownAfterRetry);
  const reply = schema.safeParse(json);
  if (!reply.success) throw badResponse(`success with unreadable ${reply.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  return reply.data;
}

function orderOf(link: LinkRecord): Order {
  return {
    orderId: link.orderId,
    amount: link.amount,
    goodsName: link.goodsName,
    customerName: link.customerName ?? undefined,
    customerPhone: link.customerPhone ?? undefined,
    customerEmail: link.customerEmail ?? undefined,
    message: link.message ?? undefined,
    expiresAt: link.expiresAt ?? undefined,
  };
}

function registrationOf(link: LinkRecord): string {
  if (!link.providerRef) throw localRefusal('LOCAL_MISSING', 'pgCno: the link has no KICC registration');
  return link.providerRef;
}

const localRefusal = (code: 'LOCAL_LIMIT' | 'LOCAL_MISSING' | 'LOCAL_UNSUPPORTED', why: string) => anyLocalRefusal('kicc', code, why);
const badResponse = (why: string) => anyBadResponse('kicc', why);
