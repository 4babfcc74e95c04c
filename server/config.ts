/**
 * The whole configuration: one zod schema over the environment — the
 * server's own variables and each provider module's — read once at start. A
 * bad value stops the process with a message naming the variable.
 */

import { resolve } from 'node:path';
import { z } from 'zod';
import { addressListSchema, boolSchema, httpUrlSchema, listSchema } from './config-schemas.js';
import type { AnyProviderModule } from './providers/module.js';
import { PROVIDER_MODULES } from './providers/registry.js';
import { LOOPBACK } from './security/addresses.js';
import type { RateRule } from './security/rate-limits.js';
import { MIN_SECRET_LENGTH } from './tokens.js';

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

const serverEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: httpUrlSchema.optional(),
  /** The shop's name as customers know it: in the links' answers (the widget's texts) and on the customer's pages. */
  MERCHANT_NAME: z.string().trim().min(1).max(40).optional(),
  DATABASE_PATH: z.string().min(1).default('./data/pay-link.sqlite'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/./, 'a postgres://user:password@host:5432/database URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** A provider's id, or `auto`; checked against the registry below. */
  DEFAULT_PROVIDER: z.string().trim().toLowerCase().optional(),
  /** Provider ids, comma-separated; checked against the registry below. */
  PROVIDER_ORDER: listSchema.optional(),
  PROVIDER_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(3),
  PROVIDER_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALLOWED_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim().replace(/\/+$/, '')).filter(Boolean))
    .refine((origins) => !origins.includes('*'), 'list the origins; "*" is never allowed')
    .optional(),
  TRUSTED_PROXIES: addressListSchema.optional(),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),

  WIDGET_TOKEN_SECRET: z.string().min(MIN_SECRET_LENGTH, `at least ${MIN_SECRET_LENGTH} characters`).optional(),
  ALLOW_OPEN_API: boolSchema.optional(),
  RATE_LIMIT_LINKS_PER_IP: rateRules('30/1m'),
  RATE_LIMIT_SMS_PER_PHONE: rateRules('3/10m,10/1d'),
  RATE_LIMIT_SMS_TOTAL: rateRules('500/1d'),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  PII_RETENTION_DAYS: z.coerce.number().min(0).max(3650).optional(),
  /** The former name of PII_RETENTION_DAYS, still read. */
  PHONE_RETENTION_DAYS: z.coerce.number().min(0).max(3650).optional(),
  STREAMS_PER_IP: z.coerce.number().int().min(1).default(20),
  STREAMS_PER_INSTANCE: z.coerce.number().int().min(1).default(5000),

  EMULATOR_ENABLED: boolSchema.optional(),
  DEMO_ENABLED: boolSchema.optional(),
  DIST_DIR: z.string().min(1).default('./dist'),
  EMULATOR_NOTIFY_INTERVAL_MS: z.coerce.number().int().min(10).optional(),
});

export type Env = z.input<typeof serverEnv> & Record<string, string | undefined>;

/** The emulated merchant, under whose name the emulated KICC texts links too. */
const DEMO_MERCHANT_NAME = '페이링크 데모';

/** `auto`: each link goes to the first provider in `PROVIDER_ORDER` whose circuit is closed (failover.ts). */
export const AUTO = 'auto';

/** A provider this deployment offers, ready for its adapter. */
export interface ConfiguredProvider<Settings = unknown> {
  id: string;
  module: AnyProviderModule;
  /** Its `*_API_BASE`; `undefined` when it runs on the built-in emulator. */
  apiBase: string | undefined;
  settings: Settings;
  /** Addresses and CIDR ranges its notifications are believed from. */
  notifyIps: readonly string[];
}

/**
 * @param modules The providers this build knows: the registry's by default;
 *   a deployment (or a test) may add its own.
 */
export function parseConfig(env: Record<string, string | undefined> = process.env, modules: readonly AnyProviderModule[] = PROVIDER_MODULES) {
  // Empty strings mean "not set", as in a `.env` line with nothing after `=`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const schema = modules.reduce<z.ZodObject>((all, module) => all.extend(module.env.shape), serverEnv);
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const all = result.data as Record<string, unknown>;
  const e = all as z.output<typeof serverEnv>;
  const publicBaseUrl = e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`;

  const live = modules.filter((module) => all[module.apiBaseVariable] !== undefined);
  const liveVariables = live.map((module) => module.apiBaseVariable);
  const missing = live.flatMap((module) => module.requiredWhenLive.filter((name) => all[name] === undefined));
  if (missing.length) {
    throw new ConfigError(`Invalid configuration:\n${missing.map((name) => `  ${name}: required when the provider's *_API_BASE is set`).join('\n')}`);
  }
  if (live.length) {
    const conflicts = (['EMULATOR_ENABLED', 'DEMO_ENABLED'] as const).filter((name) => e[name]);
    if (conflicts.length) {
      throw new ConfigError(
        `Refusing to start: ${conflicts.join(' and ')}=true, but ${liveVariables.join(' and ')} point at a real payment gateway.\n` +
          '  The emulators and the demo pages would let anyone mark a link paid without money moving, so they never run beside a real gateway.\n' +
          `  Unset ${conflicts.join(' and ')}, or run the demo as a separate process with no *_API_BASE set.`,
      );
    }
    if (!e.WIDGET_TOKEN_SECRET && !e.ALLOW_OPEN_API) {
      throw new ConfigError(
        `Refusing to start: ${liveVariables.join(' and ')} point at a real payment gateway, but WIDGET_TOKEN_SECRET is not set.\n` +
          '  Without it anyone who can reach this server can create payment links on the merchant\'s account, and have KICC text them to any number at the merchant\'s cost.\n' +
          `  Set WIDGET_TOKEN_SECRET (${MIN_SECRET_LENGTH}+ random characters) and give the widget tokens minted with it (npm run token),\n` +
          '  or set ALLOW_OPEN_API=true if only trusted callers can reach the API.',
      );
    }
  }

  // Live or emulated, never mixed: beside a live provider, one without an `*_API_BASE` is not offered at all.
  const offered = orderOf(live.length ? live : modules, e.PROVIDER_ORDER, modules);
  const providers: ConfiguredProvider[] = offered.map((module) => {
    const emulated = !live.length;
    return {
      id: module.id,
      module,
      apiBase: all[module.apiBaseVariable] as string | undefined,
      settings: module.settings(all, { emulated, publicBaseUrl }),
      // A live provider trusts only its published addresses: loopback or a private range would let anything on this
      // host or network (an emulator, a proxy without TRUSTED_PROXIES) mark a real link paid. Emulated ones also
      // trust loopback, where the built-in emulators send from.
      notifyIps: (all[module.notifyIpsVariable] as string[] | undefined) ?? [...module.publishedNotifyIps, ...(emulated ? LOOPBACK : [])],
    };
  });
  const defaultProvider = defaultOf(e.DEFAULT_PROVIDER, providers, live.length > 1);

  return {
    /** The same configuration for a server that listens on `port` (tests listen on port 0, then learn theirs). */
    withPort: (port: number) => parseConfig({ ...env, PORT: String(port) }, modules),
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl,
    /** The shop's name as customers know it; the emulated merchant's when emulated and unset. */
    merchantName: e.MERCHANT_NAME ?? (live.length ? undefined : DEMO_MERCHANT_NAME),
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
    /** `live` when any provider's `*_API_BASE` is set: then only those providers run, and no emulator or demo page. */
    mode: live.length ? ('live' as const) : ('emulated' as const),
    /** The providers links can be made with, in `PROVIDER_ORDER`. */
    providers,
    /** Every provider this build knows, offered or not. */
    knownProviders: modules.map((module) => module.id),
    /** A provider's id, or `auto` (failover in `PROVIDER_ORDER`). */
    defaultProvider,
    /** Consecutive certain failures that open a provider's circuit, and how long it stays open before a probe. */
    breaker: { failures: e.PROVIDER_BREAKER_FAILURES, cooldownMs: e.PROVIDER_BREAKER_COOLDOWN_MS },
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
    /** How long a customer's name, number and email are kept after a link ends, paid or not. */
    piiRetentionMs: (e.PII_RETENTION_DAYS ?? e.PHONE_RETENTION_DAYS ?? 7) * 86_400_000,
    /** Link event streams open at once, per client address and on this instance; beyond, 429 `too_many_streams`. */
    streamsPerIp: e.STREAMS_PER_IP,
    streamsPerInstance: e.STREAMS_PER_INSTANCE,
    /** The emulators are mounted in emulated mode unless turned off; never beside a live provider. */
    emulatorsMounted: !live.length && (e.EMULATOR_ENABLED ?? true),
    /** The demo pages are served with the emulators unless asked otherwise. */
    demoEnabled: !live.length && (e.DEMO_ENABLED ?? e.EMULATOR_ENABLED ?? true),
    distDir: resolve(e.DIST_DIR),
    /** Spacing of the emulators' notification retries; each provider's own schedule when unset. */
    emulatorNotifyIntervalMs: e.EMULATOR_NOTIFY_INTERVAL_MS,
  };
}

export type Config = ReturnType<typeof parseConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The offered modules in `PROVIDER_ORDER`; those it leaves out follow in registry order. */
function orderOf(offered: readonly AnyProviderModule[], order: readonly string[] | undefined, known: readonly AnyProviderModule[]) {
  const ids = known.map((module) => module.id);
  const unknown = (order ?? []).filter((id) => !ids.includes(id));
  if (unknown.length) throw new ConfigError(`Invalid configuration:\n  PROVIDER_ORDER: ${unknown.join(', ')} is not a provider; choose from ${ids.join(', ')}`);
  const rank = (module: AnyProviderModule) => {
    const at = order?.indexOf(module.id) ?? -1;
    return at === -1 ? order!.length + ids.indexOf(module.id) : at;
  };
  return order ? [...offered].sort((a, b) => rank(a) - rank(b)) : [...offered];
}

/** `DEFAULT_PROVIDER` checked against what is offered; `auto` when unset and more than one provider is live. */
function defaultOf(named: string | undefined, providers: readonly ConfiguredProvider[], severalLive: boolean): string {
  const ids = providers.map((provider) => provider.id);
  if (named === undefined) return severalLive ? AUTO : ids[0]!;
  if (named !== AUTO && !ids.includes(named)) {
    throw new ConfigError(`Invalid configuration:\n  DEFAULT_PROVIDER: ${named} is not configured; set its *_API_BASE and credentials, or choose one of: ${[AUTO, ...ids].join(', ')}`);
  }
  return named;
}
