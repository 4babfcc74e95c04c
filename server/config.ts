/**
 * The whole configuration: one zod schema over the environment, read once at
 * start. A bad value stops the process with a message naming the variable.
 */

import { resolve } from 'node:path';
import { z } from 'zod';
import { PROVIDER_IDS } from '../core/providers.js';
import type { RateRule } from './security/rate-limits.js';
import { MIN_SECRET_LENGTH } from './tokens.js';

/** Credentials the built-in emulators accept; used when a provider has no `*_API_BASE`. */
export const EMULATOR_CREDENTIALS = {
  kicc: { mallId: 'T5102001', mallName: '페이링크 데모', senderNo: '0212345678', secretKey: 'emulator-kicc-secret' },
  paywelcome: {
    mid: 'welcometst',
    // sha256_hex of the emulator's sign key, the form PayWelcome hands out.
    mkey: '3a9503069192f207491d4b19bd743fc249a761ed94246c8c42fed06c3cd15a33',
    signKey: 'SU5JTElURV9UUklQTEVERVNfS0VZU1RS',
  },
} as const;

const optionalText = z.string().trim().min(1).optional();
const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));
const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const ipList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const WINDOW_UNITS_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** Rate limits as `count/window`, comma-separated: `3/10m,10/1d` is 3 per 10 minutes and 10 per day. */
const rateRules = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx): RateRule[] => {
      const rules = (value ?? fallback).split(',').map((rule) => /^\s*(\d+)\s*\/\s*(\d+)\s*([smhd])\s*$/.exec(rule));
      if (rules.some((match) => !match || Number(match[1]) < 1 || Number(match[2]) < 1)) {
        ctx.addIssue({ code: 'custom', message: 'expected count/window such as 3/10m,10/1d (s, m, h or d; each at least 1)' });
        return z.NEVER;
      }
      return rules.map((match) => ({ count: Number(match![1]), windowMs: Number(match![2]) * WINDOW_UNITS_MS[match![3] as keyof typeof WINDOW_UNITS_MS] }));
    });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: url.optional(),
  DATABASE_PATH: z.string().min(1).default('./data/pay-link.sqlite'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/./, 'a postgres://user:password@host:5432/database URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DEFAULT_PROVIDER: z.enum(PROVIDER_IDS).default('kicc'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALLOWED_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim().replace(/\/+$/, '')).filter(Boolean))
    .refine((origins) => !origins.includes('*'), 'list the origins; "*" is never allowed')
    .optional(),
  TRUSTED_PROXIES: ipList.optional(),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),

  WIDGET_TOKEN_SECRET: z.string().min(MIN_SECRET_LENGTH, `at least ${MIN_SECRET_LENGTH} characters`).optional(),
  ALLOW_OPEN_API: bool.optional(),
  RATE_LIMIT_LINKS_PER_IP: rateRules('30/1m'),
  RATE_LIMIT_SMS_PER_PHONE: rateRules('3/10m,10/1d'),
  RATE_LIMIT_SMS_TOTAL: rateRules('500/1d'),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  PHONE_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(7),
  STREAMS_PER_IP: z.coerce.number().int().min(1).default(20),
  STREAMS_PER_INSTANCE: z.coerce.number().int().min(1).default(5000),

  KICC_API_BASE: url.optional(),
  KICC_MALL_ID: optionalText,
  KICC_MALL_NAME: optionalText,
  KICC_SENDER_NO: z.string().regex(/^\d{8,11}$/, 'digits only, 8 to 11 of them').optional(),
  KICC_SECRET_KEY: optionalText,
  KICC_CLIENT_ID: z.string().trim().min(1).max(32).default('pay-link'),
  KICC_NOTIFY_IPS: ipList.optional(),

  PAYWELCOME_API_BASE: url.optional(),
  PAYWELCOME_MID: optionalText,
  PAYWELCOME_MKEY: optionalText,
  PAYWELCOME_SIGN_KEY: optionalText,
  PAYWELCOME_PAY_TYPE: z.enum(['card', 'hpp', 'vbank', 'bank']).default('card'),
  PAYWELCOME_RETURN_URL: url.optional(),
  PAYWELCOME_NEXT_URL: url.optional(),
  PAYWELCOME_RESERVED: z.string().default('twotrs_isp=Y&block_isp=Y&twotrs_isp_noti=N'),
  PAYWELCOME_NOTIFY_IPS: ipList.optional(),

  EMULATOR_ENABLED: bool.optional(),
  DEMO_ENABLED: bool.optional(),
  DIST_DIR: z.string().min(1).default('./dist'),
  EMULATOR_NOTIFY_INTERVAL_MS: z.coerce.number().int().min(10).optional(),
});

export type Env = z.input<typeof envSchema>;

/** Where a provider's published notifications come from (PROVIDERS.md). */
const PUBLISHED_NOTIFY_IPS = {
  // Production, then the test server.
  kicc: ['203.233.72.150', '203.233.72.151', '61.33.211.180', '61.33.205.151'],
  paywelcome: ['118.130.130.26', '118.129.171.152', '118.129.171.153'],
};
const LOOPBACK = ['127.0.0.1', '::1'];

export function parseConfig(env: Record<string, string | undefined> = process.env) {
  // Empty strings mean "not set", as in a `.env` line with nothing after `=`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = result.data;
  const publicBaseUrl = e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`;
  const kiccEmulated = !e.KICC_API_BASE;
  const paywelcomeEmulated = !e.PAYWELCOME_API_BASE;

  const missing: string[] = [];
  const need = (name: keyof typeof e, value: unknown) => {
    if (value === undefined) missing.push(name);
  };
  if (!kiccEmulated) for (const name of ['KICC_MALL_ID', 'KICC_MALL_NAME', 'KICC_SENDER_NO', 'KICC_SECRET_KEY'] as const) need(name, e[name]);
  if (!paywelcomeEmulated) for (const name of ['PAYWELCOME_MID', 'PAYWELCOME_MKEY', 'PAYWELCOME_SIGN_KEY'] as const) need(name, e[name]);
  if (missing.length) {
    throw new ConfigError(`Invalid configuration:\n${missing.map((name) => `  ${name}: required when the provider's *_API_BASE is set`).join('\n')}`);
  }
  const realGateways = (['KICC_API_BASE', 'PAYWELCOME_API_BASE'] as const).filter((name) => e[name]);
  if (realGateways.length && !e.WIDGET_TOKEN_SECRET && !e.ALLOW_OPEN_API) {
    throw new ConfigError(
      `Refusing to start: ${realGateways.join(' and ')} point at a real payment gateway, but WIDGET_TOKEN_SECRET is not set.\n` +
        '  Without it anyone who can reach this server can create payment links on the merchant\'s account, and have KICC text them to any number at the merchant\'s cost.\n' +
        `  Set WIDGET_TOKEN_SECRET (${MIN_SECRET_LENGTH}+ random characters) and give the widget tokens minted with it (npm run token),\n` +
        '  or set ALLOW_OPEN_API=true if only trusted callers can reach the API.',
    );
  }

  const kiccCreds = EMULATOR_CREDENTIALS.kicc;
  const pwCreds = EMULATOR_CREDENTIALS.paywelcome;
  return {
    /** The same configuration for a server that listens on `port` (tests listen on port 0, then learn theirs). */
    withPort: (port: number) => parseConfig({ ...env, PORT: String(port) }),
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl,
    /** The embedded SQLite file, used when `databaseUrl` is unset. */
    databasePath: e.DATABASE_PATH,
    /** PostgreSQL, shared by every instance; wins over `databasePath`. */
    databaseUrl: e.DATABASE_URL,
    /** Connections this instance opens to PostgreSQL at most. */
    databasePoolSize: e.DATABASE_POOL_SIZE,
    /** Reverse proxies whose `X-Forwarded-For` is believed. */
    trustedProxies: e.TRUSTED_PROXIES ?? [],
    /** Browser origins that may call the API; this server's own origin by default. */
    // The server's own origin; with no public address set, both ways of naming loopback.
    allowedOrigins:
      e.ALLOWED_ORIGINS ?? (e.PUBLIC_BASE_URL ? [new URL(publicBaseUrl).origin] : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`]),
    defaultProvider: e.DEFAULT_PROVIDER,
    logLevel: e.LOG_LEVEL,
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
    /** When set, the API wants a widget token (server/tokens.ts); unset, it is open to any allowed origin. */
    widgetTokenSecret: e.WIDGET_TOKEN_SECRET,
    rateLimits: {
      linksPerIp: e.RATE_LIMIT_LINKS_PER_IP,
      smsPerPhone: e.RATE_LIMIT_SMS_PER_PHONE,
      smsTotal: e.RATE_LIMIT_SMS_TOTAL,
    },
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    /** How long a customer's number is kept after a link ends unpaid. */
    phoneRetentionMs: e.PHONE_RETENTION_DAYS * 86_400_000,
    /** Link event streams open at once, per client address and on this instance; beyond, 429 `too_many_streams`. */
    streamsPerIp: e.STREAMS_PER_IP,
    streamsPerInstance: e.STREAMS_PER_INSTANCE,
    /** The emulators are mounted when a provider uses them, or when asked for. */
    emulatorsMounted: e.EMULATOR_ENABLED ?? (kiccEmulated || paywelcomeEmulated),
    /** The demo pages are served with the emulators unless asked otherwise. */
    demoEnabled: e.DEMO_ENABLED ?? e.EMULATOR_ENABLED ?? (kiccEmulated || paywelcomeEmulated),
    distDir: resolve(e.DIST_DIR),
    /** Spacing of the emulators' notification retries; each provider's own schedule when unset. */
    emulatorNotifyIntervalMs: e.EMULATOR_NOTIFY_INTERVAL_MS,
    kicc: {
      /** `undefined`: the built-in emulator on this server. */
      apiBase: e.KICC_API_BASE,
      mallId: e.KICC_MALL_ID ?? kiccCreds.mallId,
      mallName: e.KICC_MALL_NAME ?? kiccCreds.mallName,
      senderNo: e.KICC_SENDER_NO ?? kiccCreds.senderNo,
      secretKey: e.KICC_SECRET_KEY ?? kiccCreds.secretKey,
      clientId: e.KICC_CLIENT_ID,
      notifyIps: e.KICC_NOTIFY_IPS ?? [...PUBLISHED_NOTIFY_IPS.kicc, ...LOOPBACK],
    },
    paywelcome: {
      apiBase: e.PAYWELCOME_API_BASE,
      mid: e.PAYWELCOME_MID ?? pwCreds.mid,
      mkey: e.PAYWELCOME_MKEY ?? pwCreds.mkey,
      signKey: e.PAYWELCOME_SIGN_KEY ?? (paywelcomeEmulated ? pwCreds.signKey : undefined),
      payType: e.PAYWELCOME_PAY_TYPE,
      returnUrl: e.PAYWELCOME_RETURN_URL ?? `${publicBaseUrl}/return/paywelcome`,
      nextUrl: e.PAYWELCOME_NEXT_URL ?? `${publicBaseUrl}/return/paywelcome`,
      reserved: e.PAYWELCOME_RESERVED,
      notifyIps: e.PAYWELCOME_NOTIFY_IPS ?? [...PUBLISHED_NOTIFY_IPS.paywelcome, ...LOOPBACK],
    },
  };
}

export type Config = ReturnType<typeof parseConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}
