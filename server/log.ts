/**
 * Structured JSON logs. Secrets and signatures are removed by key wherever
 * they appear; phone numbers are masked. Request lines carry the request id.
 */

import pino, { type Logger } from 'pino';
import { maskPhone } from '../core/phone.js';

export type { Logger } from 'pino';

const SECRET_KEYS = ['secretKey', 'mkey', 'signKey', 'signature', 'Signature', 'authorization', 'cookie', 'token', 'password'];
const PHONE_KEYS = ['phone', 'customerPhone', 'rcvMobileNo', 'customerContactNo'];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [...SECRET_KEYS, ...SECRET_KEYS.map((key) => `*.${key}`), ...SECRET_KEYS.map((key) => `*.*.${key}`)],
        censor: '[redacted]',
      },
      formatters: {
        log: (object) => maskPhones(object) as Record<string, unknown>,
      },
    },
    destination,
  );
}

function maskPhones(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || depth > 3 || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => maskPhones(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = PHONE_KEYS.includes(key) && typeof item === 'string' ? maskPhone(item) : maskPhones(item, depth + 1);
  }
  return out;
}
