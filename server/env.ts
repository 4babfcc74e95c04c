/** The Hono environment every route shares: what middleware puts on the context. */

import type { Locale } from '../core/messages/index.js';
import type { Logger } from './log.js';
import type { WidgetClaims } from './tokens.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    /** The caller's language, from `Accept-Language`. */
    locale: Locale;
    /** The request's logger, carrying its id. */
    log: Logger;
    /** The caller's widget token claims, on routes that require one (and only when tokens are on). */
    claims: WidgetClaims | undefined;
  };
}
