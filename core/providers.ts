/**
 * What each built-in payment provider can do and how long its fields may be,
 * in CP949 bytes (see bytes.ts). The widget reads this to guide staff without
 * asking the server; the server's provider modules (server/providers/<id>/)
 * point at the same profiles and enforce them before a request leaves.
 */

/** The providers pay-link ships; a deployment may register others (server/providers/registry.ts). */
export const PROVIDER_IDS = ['kicc', 'paywelcome'] as const;
export type BuiltInProviderId = (typeof PROVIDER_IDS)[number];
/** A provider's id: a built-in one, or one a deployment registered. */
export type ProviderId = string;

/** Fields of a link request that a provider limits by bytes. */
export type LimitedField = 'goodsName' | 'orderId' | 'customer.name' | 'customer.email' | 'message';

export interface ProviderProfile {
  /** The provider can text the link to the customer itself (KICC `regTxtype` 51). */
  sendsSms: boolean;
  /** A link the provider texted can be texted again (KICC `regSubtype` 11). */
  resends: boolean;
  /** An unpaid link can be withdrawn at the provider (KICC `directSmsUrlPayCancel`); otherwise only our short link stops. */
  cancels: boolean;
  /** A paid link can be refunded through the provider's API. */
  refunds: boolean;
  /** A refund can be less than what remains (the payment method may still forbid it). */
  partialRefunds: boolean;
  /** Links live this long at most; `expiresAt` beyond it is refused. */
  maxLifetimeMs: number;
  /** Lifetime when the caller gives no `expiresAt`. */
  defaultLifetimeMs: number;
  limits: Record<LimitedField, number>;
  /** Characters the provider refuses in free text (product name, names, messages). */
  forbiddenChars: string;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export const PROVIDERS: Record<BuiltInProviderId, ProviderProfile> = {
  kicc: {
    sendsSms: true,
    resends: true,
    cancels: true,
    refunds: true,
    partialRefunds: true,
    // KICC's own default is D+7; we ask for it explicitly so our clock decides.
    maxLifetimeMs: 30 * DAY,
    defaultLifetimeMs: 7 * DAY,
    limits: { goodsName: 50, orderId: 40, 'customer.name': 20, 'customer.email': 50, message: 200 },
    // KICC's published list of blocked input characters.
    forbiddenChars: `'"<>\\;|&\r\n`,
  },
  paywelcome: {
    sendsSms: false,
    resends: false,
    cancels: false,
    refunds: true,
    partialRefunds: true,
    // The short URL PayWelcome makes is valid for 72 hours, not a second more.
    maxLifetimeMs: 72 * HOUR,
    defaultLifetimeMs: 72 * HOUR,
    // PayWelcome has no customer fields; the name and email stay with us, so
    // the generous KICC limits apply to keep both providers alike.
    limits: { goodsName: 40, orderId: 30, 'customer.name': 20, 'customer.email': 50, message: 200 },
    // Line breaks would split a form field's meaning on PayWelcome's screens.
    forbiddenChars: '\r\n',
  },
};

export const isBuiltInProvider = (value: unknown): value is BuiltInProviderId =>
  (PROVIDER_IDS as readonly unknown[]).includes(value);

/** The profile of a built-in provider; `undefined` for one only the server knows. */
export const profileOf = (id: string | undefined): ProviderProfile | undefined => (isBuiltInProvider(id) ? PROVIDERS[id] : undefined);
