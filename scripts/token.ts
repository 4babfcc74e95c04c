/**
 * `npm run token -- --amount 15000 --ttl 10m`: prints a widget token minted
 * with WIDGET_TOKEN_SECRET, as the merchant's own server mints one for each
 * page that shows the widget. The secret comes from the environment only, so
 * it never sits in shell history or a process list.
 */

import { parseArgs } from 'node:util';
import { PROVIDER_MODULES } from '../server/providers/registry.js';
import { mintWidgetToken, ROLES, type Role, type WidgetClaims } from '../server/tokens.js';

const USAGE = `Usage: WIDGET_TOKEN_SECRET=… npm run token -- [options]
  --ttl 10m             lifetime: s, m or h (default 10m, at most 24h)
  --amount 15000        the one amount (won) the token allows
  --max-amount 50000    the most (won) it allows
  --order-id ORDER-1    the one order number it allows
  --provider kicc       the one provider it allows (${PROVIDER_MODULES.map((module) => module.id).join(' | ')})
  --sub till-3          your label for the caller: links made with it are theirs
  --role staff          customer (default: creates links, reads its own)
                        staff (also lists, resends, cancels and refunds the links of its --sub)
                        merchant (acts on every link: the merchant's own back office)`;

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function won(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) fail(`--${name}: a whole number of won above 0`);
  return Number(value);
}

const { values } = parseArgs({
  options: {
    ttl: { type: 'string', default: '10m' },
    amount: { type: 'string' },
    'max-amount': { type: 'string' },
    'order-id': { type: 'string' },
    provider: { type: 'string' },
    sub: { type: 'string' },
    role: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const secret = process.env.WIDGET_TOKEN_SECRET;
if (!secret) fail('WIDGET_TOKEN_SECRET is not set.');
const ttl = /^(\d+)([smh])$/.exec(values.ttl);
if (!ttl) fail('--ttl: a number and s, m or h, e.g. 10m');
const providerIds = PROVIDER_MODULES.map((module) => module.id);
if (values.provider !== undefined && !providerIds.includes(values.provider)) fail(`--provider: one of ${providerIds.join(', ')}`);
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
if (values.role !== undefined && !isRole(values.role)) fail(`--role: ${ROLES.join(', ')}`);
if (values.role === 'staff' && values.sub === undefined) fail('--role staff needs --sub: the staff member or counter the links belong to');

const now = Date.now();
const claims: WidgetClaims = {
  exp: Math.floor((now + Number(ttl[1]) * UNIT_MS[ttl[2] as keyof typeof UNIT_MS]) / 1000),
  amount: won('amount', values.amount),
  maxAmount: won('max-amount', values['max-amount']),
  orderId: values['order-id'],
  provider: values.provider as WidgetClaims['provider'],
  sub: values.sub,
  role: values.role as Role | undefined,
};
try {
  console.log(mintWidgetToken(secret, claims, now));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
