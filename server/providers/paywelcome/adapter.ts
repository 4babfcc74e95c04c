/**
 * PayWelcome adapter: makes SMS-payment short URLs (`/smspay/makeUrl`).
 * PayWelcome texts nothing itself, cannot resend and cannot withdraw a URL,
 * so this adapter only registers; we deliver the link, and a cancel stays in
 * our records. Byte limits PayWelcome enforces are checked here first, so a
 * request it would refuse for them is never sent.
 */

import { z } from 'zod';
import { checkBytes } from '../../../core/bytes.js';
import { formatKst } from '../../../core/kst.js';
import { postToProvider, type ProviderResponse } from '../http.js';
import { badResponse as anyBadResponse, localRefusal as anyLocalRefusal, parseJson, refusal } from '../replies.js';
import { cancelSignature, makeUrlSignature } from './signature.js';
import {
  LINK_LIFETIME_MS,
  MAKE_URL_BYTES,
  PAYWELCOME_PATHS,
  PAYWELCOME_SUCCESS,
  makeUrlReplySchema,
  PAY_TYPE_OF_METHOD,
  refundReplySchema,
  type CancelForm,
  type MakeUrlForm,
  type RepayForm,
  type PayType,
} from './wire.js';
import type { PaymentProvider, Registration } from '../adapter.js';

export interface PaywelcomeOptions {
  /** Read on every call: the built-in emulator's address is known only once the server listens. */
  apiBase: () => string;
  /** Who the merchant is at PayWelcome; the same as `mid`. */
  merchantId?: string;
  mid: string;
  /** The merchant's hash key; it signs requests and never goes on the wire itself. */
  mkey: string;
  payType: PayType;
  /** Where PayWelcome posts the approval result (`P_RETURN_URL`). */
  returnUrl: string;
  /** Where PayWelcome posts the authentication result (`P_NEXT_URL`). */
  nextUrl: string;
  /** `P_RESERVED`: PayWelcome's `&`-joined option list, e.g. `twotrs_isp=Y&block_isp=Y&twotrs_isp_noti=N`. */
  reserved: string;
  timeoutMs: number;
  backoffMs?: number;
  /** Epoch ms; injectable so the wire timestamp is testable. */
  now?: () => number;
}

const FORM_UTF8 = 'application/x-www-form-urlencoded; charset=utf-8';
const httpUrl = z.url({ protocol: /^https?$/ });

export function createPaywelcomeProvider(options: PaywelcomeOptions): PaymentProvider {
  checkOptions(options);
  const { mid, mkey, payType, returnUrl, nextUrl, reserved, now = Date.now } = options;

  return {
    id: 'paywelcome',
    merchantId: mid,

    async register(request): Promise<Registration> {
      // Routes answer this with a 422 already; an adapter must not pretend to text anyone.
      if (request.delivery === 'provider-sms') throw localRefusal('LOCAL_UNSUPPORTED', 'delivery: PayWelcome does not text links');
      if (!Number.isSafeInteger(request.amount) || request.amount < 1) throw localRefusal('LOCAL_LIMIT', 'P_AMT: whole won above 0');

      const sentAt = now();
      const unsigned = {
        mid,
        payType,
        timestamp: formatKst(sentAt),
        P_GOODS: request.goodsName,
        P_OID: request.orderId,
        P_AMT: String(request.amount),
        P_RETURN_URL: returnUrl,
        P_NEXT_URL: nextUrl,
        P_RESERVED: reserved,
        // Results posted back to us in UTF-8, like everything else here.
        P_CHARSET: 'utf8',
      };
      checkByteLimits(unsigned);
      const signature = makeUrlSignature({ mid, mkey, oid: unsigned.P_OID, amount: unsigned.P_AMT, timestamp: unsigned.timestamp });
      const form: MakeUrlForm = { ...unsigned, signature };

      // The order number makes a repeat safe: PayWelcome refuses to register it twice.
      // URLSearchParams encodes P_RESERVED's own `&` and `=`, so it stays one value
      // (the spread because an interface is not a Record to TypeScript).
      const response = await postToProvider({
        provider: 'paywelcome',
        url: `${options.apiBase()}${PAYWELCOME_PATHS.makeUrl}`,
        contentType: FORM_UTF8,
        body: new URLSearchParams({ ...form }).toString(),
        timeoutMs: options.timeoutMs,
        backoffMs: options.backoffMs,
        attempts: 3,
      });
      const url = readShortUrl(response);
      // The URL lives 72 hours from when PayWelcome made it, which is no earlier than we sent.
      return { url, providerRef: null, expiresAt: new Date(Math.min(request.expiresAt.getTime(), sentAt + LINK_LIFETIME_MS)) };
    },

    // PAYAPI has no idempotency key and no status query: a refund whose answer was lost is never sent again.
    refundRetrySafe: false,

    refundsPartly: (link) => link.partialRefunds !== 'N',

    async refund({ link, amount, remainingAfter, whole }) {
      if (!link.paymentRef) throw localRefusal('LOCAL_MISSING', 'tid: the link has no PayWelcome payment');
      // The one place a PayWelcome refund is built. Uncertain (README.md "Refunds"): the signature's form
      // (the field table's plain concatenation, sent here, or its sample's `mid=…&mkey=…&timestamp=…`).
      const timestamp = formatKst(now());
      const common = {
        payType: (link.paymentMethod && PAY_TYPE_OF_METHOD[link.paymentMethod]) || payType,
        mid,
        tid: link.paymentRef,
        currency: 'WON' as const,
        timestamp,
        signature: cancelSignature({ mid, mkey, timestamp }),
      };
      // After a partial refund the rest goes through repay too, with the original tid.
      const [path, form]: [string, CancelForm | RepayForm] = whole
        ? [PAYWELCOME_PATHS.cancel, { ...common, price: String(amount) }]
        : [PAYWELCOME_PATHS.repay, { ...common, cancelPrice: String(amount), confirmPrice: String(remainingAfter) }];
      const response = await postToProvider({
        provider: 'paywelcome',
        url: `${options.apiBase()}${path}`,
        contentType: FORM_UTF8,
        body: new URLSearchParams({ ...form }).toString(),
        timeoutMs: options.timeoutMs,
        attempts: 1,
      });
      const reply = refundReplySchema.safeParse(parseJson(response.text));
      if (!reply.success) throw badResponse(`HTTP ${response.status} without ResultCode and ResultMsg`);
      if (reply.data.ResultCode !== PAYWELCOME_SUCCESS) throw refusal('paywelcome', { code: reply.data.ResultCode, message: reply.data.ResultMsg, attempt: 1 });
      return { gatewayRef: reply.data.C_Tid ?? reply.data.Tid ?? null };
    },
  };
}

/** Stops the process at start on settings PayWelcome would refuse on every payment. */
function checkOptions({ mid, mkey, returnUrl, nextUrl, reserved }: PaywelcomeOptions) {
  const problems: string[] = [];
  const bytes = (variable: string, value: string, limit: number) => {
    const check = checkBytes(value, limit);
    if (value === '') problems.push(`${variable}: required`);
    else if (!check.ok) problems.push(`${variable}: ${check.reason === 'too_long' ? `${check.bytes} bytes in CP949, PayWelcome allows ${limit}` : `${JSON.stringify(check.char)} cannot be encoded in CP949`}`);
  };
  bytes('PAYWELCOME_MID', mid, MAKE_URL_BYTES.mid);
  // Only whether it is there: the key itself must never reach a message.
  if (mkey === '') problems.push('PAYWELCOME_MKEY: required');
  bytes('PAYWELCOME_RETURN_URL', returnUrl, MAKE_URL_BYTES.P_RETURN_URL);
  bytes('PAYWELCOME_NEXT_URL', nextUrl, MAKE_URL_BYTES.P_NEXT_URL);
  bytes('PAYWELCOME_RESERVED', reserved, MAKE_URL_BYTES.P_RESERVED);
  if (problems.length) throw new Error(`Invalid PayWelcome configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
}

function checkByteLimits(form: Omit<MakeUrlForm, 'signature'>) {
  for (const [field, value] of Object.entries(form)) {
    const limit = MAKE_URL_BYTES[field as keyof typeof MAKE_URL_BYTES];
    const check = checkBytes(value, limit);
    if (check.ok) continue;
    const why = check.reason === 'too_long' ? `${check.bytes} bytes, PayWelcome allows ${limit}` : `${JSON.stringify(check.char)} cannot be encoded in CP949`;
    throw localRefusal('LOCAL_LIMIT', `${field}: ${why}`);
  }
}

/**
 * The short URL from an answer. PayWelcome answers JSON (whatever its
 * content type says) with `ResultCode` `00` on success and HTTP 200 even when
 * it refuses; a 4xx counts as a refusal only when it carries a code too.
 */
function readShortUrl(response: ProviderResponse): string {
  const reply = makeUrlReplySchema.safeParse(parseJson(response.text));
  if (!reply.success) throw badResponse(`HTTP ${response.status} without ResultCode and ResultMsg`);
  const { ResultCode, ResultMsg, MsgSend } = reply.data;
  // PayWelcome publishes no error codes; after a retry, "duplicate order" means an earlier try got through.
  if (ResultCode !== PAYWELCOME_SUCCESS) throw refusal('paywelcome', { code: ResultCode, message: ResultMsg, attempt: response.attempt });
  if (response.status >= 400) throw badResponse(`HTTP ${response.status} with ResultCode ${ResultCode}`);
  const url = httpUrl.safeParse(MsgSend);
  if (!url.success) throw badResponse('success without a MsgSend URL');
  return url.data;
}

const localRefusal = (code: 'LOCAL_LIMIT' | 'LOCAL_MISSING' | 'LOCAL_UNSUPPORTED', why: string) => anyLocalRefusal('paywelcome', code, why);
const badResponse = (why: string) => anyBadResponse('paywelcome', why);
