/**
 * Stream tickets: `EventSource` cannot send an `Authorization` header, so a
 * browser that holds a widget token first trades it for a ticket
 * (`POST /api/links/events/ticket`) and opens `GET /api/links/events?ticket=…`.
 * A ticket lives 60 seconds, opens nothing but that stream, and carries only
 * the token's role, `sub` and expiry, so a ticket that leaks into a proxy's
 * access log is worth little: a minute of one caller's list, never a link
 * made or changed. `base64url(JSON) . base64url(HMAC-SHA256(key, context + JSON))`,
 * keyed by a secret the database keeps (`Store.secret`), so every instance
 * sharing it accepts the tickets of the others, and the key never leaves them.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES, type WidgetClaims } from '../tokens.js';

export const TICKET_TTL_MS = 60_000;
/** Bound into every MAC: a ticket is not a widget token, and a widget token is not a ticket. */
const CONTEXT = 'pay-link stream ticket v1\n';
const MAC_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const ticketSchema = z.strictObject({
  /** What it opens: the one purpose it has. */
  use: z.literal('link-events'),
  role: z.enum(ROLES),
  sub: z.string().optional(),
  /** Epoch ms: the ticket opens no stream after this. */
  exp: z.int().positive(),
  /** Epoch ms: the token it was traded for expires then, and so does the stream. */
  until: z.int().positive(),
});

export type StreamTicket = z.infer<typeof ticketSchema>;

export type TicketCheck = { ok: true; ticket: StreamTicket } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export class StreamTickets {
  private key: Promise<string> | undefined;

  constructor(
    /** The signing key, fetched once (a secret the database keeps). */
    private readonly secret: () => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A ticket for the caller of `claims` (a token's, checked already). */
  async mint(claims: WidgetClaims): Promise<{ ticket: string; expiresAt: string }> {
    const exp = this.now() + TICKET_TTL_MS;
    const body: StreamTicket = { use: 'link-events', role: claims.role ?? 'customer', ...(claims.sub ? { sub: claims.sub } : {}), exp, until: claims.exp * 1000 };
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return { ticket: `${payload}.${(await this.mac(payload)).toString('base64url')}`, expiresAt: new Date(exp).toISOString() };
  }

  /** The ticket's contents when we signed it and it has not expired; never throws on bad input. */
  async verify(ticket: string): Promise<TicketCheck> {
    const parts = ticket.split('.');
    if (parts.length !== 2 || !parts.every((part) => BASE64URL.test(part))) return { ok: false, reason: 'malformed' };
    const [payload, signature] = parts as [string, string];
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== MAC_BYTES || !timingSafeEqual(given, await this.mac(payload))) return { ok: false, reason: 'bad_signature' };
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const parsed = ticketSchema.safeParse(json);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    if (parsed.data.exp <= this.now() || parsed.data.until <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, ticket: parsed.data };
  }

  private async mac(payload: string) {
    const key = await (this.key ??= this.secret().catch((error: unknown) => {
      this.key = undefined; // the database may answer next time
      throw error;
    }));
    return createHmac('sha256', key).update(CONTEXT).update(payload).digest();
  }
}
