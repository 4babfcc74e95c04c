/** KICC's environment variables and the settings its adapter is made from. */

import { z } from 'zod';
import { addressListSchema, httpUrlSchema, optionalTextSchema } from '../../config-schemas.js';

/** The merchant the built-in emulator knows, used while KICC is emulated. */
export const KICC_DEMO_MERCHANT = { mallId: 'T5102001', mallName: '페이링크 데모', senderNo: '0212345678', secretKey: 'emulator-kicc-secret' } as const;

export const kiccEnv = z.object({
  KICC_API_BASE: httpUrlSchema.optional(),
  KICC_MALL_ID: optionalTextSchema,
  KICC_MALL_NAME: optionalTextSchema,
  KICC_SENDER_NO: z.string().regex(/^\d{8,11}$/, 'digits only, 8 to 11 of them').optional(),
  KICC_SECRET_KEY: optionalTextSchema,
  KICC_CLIENT_ID: z.string().trim().min(1).max(32).default('pay-link'),
  KICC_NOTIFY_IPS: addressListSchema.optional(),
});

export interface KiccSettings {
  merchantId: string;
  mallId: string;
  /** Shown in the texts KICC sends. */
  mallName: string;
  /** The number KICC's texts come from. */
  senderNo: string;
  /** Signs KICC's signed APIs (refunds). */
  secretKey: string;
  /** Who asks for a cancel, as KICC records it. */
  clientId: string;
}

export function kiccSettings(raw: Record<string, unknown>): KiccSettings {
  const env = raw as z.output<typeof kiccEnv>;
  const mallId = env.KICC_MALL_ID ?? KICC_DEMO_MERCHANT.mallId;
  return {
    merchantId: mallId,
    mallId,
    mallName: env.KICC_MALL_NAME ?? KICC_DEMO_MERCHANT.mallName,
    senderNo: env.KICC_SENDER_NO ?? KICC_DEMO_MERCHANT.senderNo,
    secretKey: env.KICC_SECRET_KEY ?? KICC_DEMO_MERCHANT.secretKey,
    clientId: env.KICC_CLIENT_ID,
  };
}
