/**
 * A payment provider is one module: what it can do, the environment
 * variables it reads, how to talk to it and how to read its notifications.
 * The registry (registry.ts) lists the modules; configuration, routes, the
 * OpenAPI document and the token script are derived from that list, so adding
 * a provider is adding a folder here and a line there.
 */

import type { z } from 'zod';
import type { ProviderProfile } from '../../core/providers.js';
import type { PaymentProvider } from './adapter.js';
import type { NotificationCodec } from './notification.js';

/** What every adapter is given besides its own settings. */
export interface AdapterContext {
  /** The gateway's base URL, read on every call: the built-in emulator's address is known only once the server listens. */
  apiBase: () => string;
  /** `PROVIDER_TIMEOUT_MS`. */
  timeoutMs: number;
  /** Milliseconds before the first retry. */
  backoffMs?: number;
  /** This server's public address (`PUBLIC_BASE_URL`), for return pages the provider sends customers to. */
  publicBaseUrl: string;
  /** Epoch ms; injectable so wire timestamps are testable. */
  now: () => number;
}

export interface ProviderModule<Settings extends ProviderSettings = ProviderSettings> {
  /** Lower-case, as in `provider: "kicc"`, `/webhooks/kicc` and `/emulator/kicc`. */
  readonly id: string;
  /** Its name as merchants know it, for messages and documents. */
  readonly name: string;
  readonly profile: ProviderProfile;
  /**
   * Its own environment variables, checked at start with the rest. The one
   * named by `apiBaseVariable` makes it live; `requiredWhenLive` must then be set too.
   */
  readonly env: z.ZodObject;
  readonly apiBaseVariable: string;
  readonly requiredWhenLive: readonly string[];
  /** `*_NOTIFY_IPS`: replaces `publishedNotifyIps` when set. */
  readonly notifyIpsVariable: string;
  /** Where the provider says its notifications come from. */
  readonly publishedNotifyIps: readonly string[];
  /**
   * Settings from its parsed variables. Emulated (no `apiBaseVariable`), the
   * credentials the built-in emulator knows fill what is not set.
   */
  settings(env: Record<string, unknown>, context: { emulated: boolean; publicBaseUrl: string }): Settings;
  /** The adapter; throws an `Error` naming the variable when a setting would make every call fail. */
  createAdapter(settings: Settings, context: AdapterContext): PaymentProvider;
  /** Reads its payment notifications and writes the answers it expects. */
  notifications(settings: Settings): NotificationCodec;
}

/** What every provider's settings hold. */
export interface ProviderSettings {
  /** The merchant's id at the provider (KICC `mallId`, PayWelcome `mid`): notifications must name it. */
  merchantId: string;
}

/** Keeps a module's settings type checked against its own functions. */
export const defineProvider = <Settings extends ProviderSettings>(module: ProviderModule<Settings>): ProviderModule<Settings> => module;

/** A module as the registry holds it, whatever its settings. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProviderModule = ProviderModule<any>;
