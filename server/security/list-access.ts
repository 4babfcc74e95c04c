/**
 * Who may read a list of links (the day's list, its totals, its event
 * stream): staff the links made under their `sub`, a merchant (and open
 * mode) every link; a customer's token none, not even its own.
 */

import type { WidgetClaims } from '../tokens.js';
import { requireStaff, roleOf } from './widget-auth.js';

/** The `owner` the caller's lists are limited to; `undefined` for every link. Refuses a customer with 403 `forbidden`. */
export function listOwner(claims: WidgetClaims | undefined): string | undefined {
  requireStaff(claims);
  return roleOf(claims) === 'merchant' ? undefined : claims!.sub;
}
