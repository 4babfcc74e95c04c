/** The shapes environment variables share, for the configuration and each provider's own variables. */

import { z } from 'zod';
import { addressSet, InvalidAddress } from './security/addresses.js';

export const optionalTextSchema = z.string().trim().min(1).optional();
export const httpUrlSchema = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));
export const boolSchema = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
export const listSchema = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/** Addresses and CIDR ranges, comma-separated: `203.0.113.7,10.0.0.0/8,2001:db8::/32`. */
export const addressListSchema = listSchema.transform((entries, ctx) => {
  try {
    addressSet(entries);
  } catch (error) {
    if (!(error instanceof InvalidAddress)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
    return z.NEVER;
  }
  return entries;
});
