/** PayWelcome's environment variables and the settings its adapter is made from. */

import { z } from 'zod';
import { addressListSchema, httpUrlSchema, optionalTextSchema } from '../../config-schemas.js';
import { PAY_TYPES, type PayType } from './wire.js';

/** The merchant the built-in emulator knows, used while PayWelcome is emulated. */
export const PAYWELCOME_DEMO_MERCHANT = {
  mid: 'welcometst',
  // sha256_hex of the emulator's sign key, the form PayWelcome hands out.
  mkey: '3a9503069192f207491d4b19bd743fc249a761ed94246c8c42fed06c3cd15a33',
  signKey: 'SU5JTElURV9UUklQTEVERVNfS0VZU1RS',
} as const;

export const paywelcomeEnv = z.object({
  PAYWELCOME_API_BASE: httpUrlSchema.optional(),
  PAYWELCOME_MID: optionalTextSchema,
  PAYWELCOME_MKEY: optionalTextSchema,
  PAYWELCOME_SIGN_KEY: optionalTextSchema,
  PAYWELCOME_PAY_TYPE: z.enum(PAY_TYPES).default('card'),
  PAYWELCOME_RETURN_URL: httpUrlSchema.optional(),
  PAYWELCOME_NEXT_URL: httpUrlSchema.optional(),
  PAYWELCOME_RESERVED: z.string().default('twotrs_isp=Y&block_isp=Y&twotrs_isp_noti=N'),
  PAYWELCOME_NOTIFY_IPS: addressListSchema.optional(),
});

export interface PaywelcomeSettings {
  merchantId: string;
  mid: string;
  /** The merchant's hash key; it signs requests and never goes on the wire itself. */
  mkey: string;
  /** Checks the `Signature` of notifications; without it none is believed. */
  signKey: string | undefined;
  payType: PayType;
  /** Where PayWelcome posts the approval result (`P_RETURN_URL`). */
  returnUrl: string;
  /** Where PayWelcome posts the authentication result (`P_NEXT_URL`). */
  nextUrl: string;
  /** `P_RESERVED`: PayWelcome's `&`-joined option list. */
  reserved: string;
}

export function paywelcomeSettings(raw: Record<string, unknown>, { emulated, publicBaseUrl }: { emulated: boolean; publicBaseUrl: string }): PaywelcomeSettings {
  const env = raw as z.output<typeof paywelcomeEnv>;
  const mid = env.PAYWELCOME_MID ?? PAYWELCOME_DEMO_MERCHANT.mid;
  return {
    merchantId: mid,
    mid,
    mkey: env.PAYWELCOME_MKEY ?? PAYWELCOME_DEMO_MERCHANT.mkey,
    signKey: env.PAYWELCOME_SIGN_KEY ?? (emulated ? PAYWELCOME_DEMO_MERCHANT.signKey : undefined),
    payType: env.PAYWELCOME_PAY_TYPE,
    returnUrl: env.PAYWELCOME_RETURN_URL ?? `${publicBaseUrl}/return/paywelcome`,
    nextUrl: env.PAYWELCOME_NEXT_URL ?? `${publicBaseUrl}/return/paywelcome`,
    reserved: env.PAYWELCOME_RESERVED,
  };
}
