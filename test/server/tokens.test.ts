import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mintWidgetToken, verifyWidgetToken } from '../../server/tokens.js';

const SECRET = 'test-widget-secret-0123456789abcdef';
const NOW = Date.UTC(2026, 10, 25, 3, 0, 0);
const inMinutes = (minutes: number) => Math.floor((NOW + minutes * 60_000) / 1000);

/** `token` with one character of its `part` (0 claims, 1 MAC) changed. */
function flip(token: string, part: 0 | 1, at = 5): string {
  const parts = token.split('.');
  const text = parts[part]!;
  parts[part] = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
  return parts.join('.');
}

describe('widget tokens', () => {
  it('carry their claims back when verified with the same secret before expiry', () => {
    const claims = { exp: inMinutes(10), amount: 15000, orderId: 'ORDER-7', provider: 'kicc' as const, sub: 'till-3' };
    const token = mintWidgetToken(SECRET, claims, NOW);
    expect(token).toMatch(/^[\w-]+\.[\w-]{43}$/);
    expect(verifyWidgetToken(SECRET, token, NOW + 9 * 60_000)).toEqual({ ok: true, claims });
  });

  it('are refused once expired, at the second', () => {
    const token = mintWidgetToken(SECRET, { exp: inMinutes(10) }, NOW);
    expect(verifyWidgetToken(SECRET, token, NOW + 10 * 60_000 - 1).ok).toBe(true);
    expect(verifyWidgetToken(SECRET, token, NOW + 10 * 60_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused when a claim was edited, even to a valid one, or the MAC was', () => {
    const token = mintWidgetToken(SECRET, { exp: inMinutes(10), amount: 15000 }, NOW);
    const [, mac] = token.split('.');
    const cheaper = `${Buffer.from(JSON.stringify({ exp: inMinutes(10), amount: 100 })).toString('base64url')}.${mac}`;
    expect(verifyWidgetToken(SECRET, cheaper, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWidgetToken(SECRET, flip(token, 0), NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWidgetToken(SECRET, flip(token, 1), NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWidgetToken(`${SECRET}x`, token, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('are refused when they are not two base64url parts with a 32-byte MAC', () => {
    const token = mintWidgetToken(SECRET, { exp: inMinutes(10) }, NOW);
    for (const bad of ['', '.', token.split('.')[0]!, `${token}.x`, `${token.slice(0, -2)}`, token.replace('.', '.+'), `${token} `]) {
      expect(verifyWidgetToken(SECRET, bad, NOW).ok).toBe(false);
    }
  });

  it('cannot live longer than a day, whoever signs them', () => {
    expect(() => mintWidgetToken(SECRET, { exp: inMinutes(24 * 60 + 1) }, NOW)).toThrow(/24 hours/);
    expect(() => mintWidgetToken(SECRET, { exp: inMinutes(0) }, NOW)).toThrow(/future/);
    const later = mintWidgetToken(SECRET, { exp: inMinutes(24 * 60 + 1) }, NOW + 60_000);
    expect(verifyWidgetToken(SECRET, later, NOW)).toEqual({ ok: false, reason: 'too_long_lived' });
  });

  it('need a secret of 32 characters or more, and claims of the documented shape', () => {
    expect(() => mintWidgetToken('short', { exp: inMinutes(10) }, NOW)).toThrow(/32/);
    expect(() => mintWidgetToken(SECRET, { exp: inMinutes(10), amount: 10.5 }, NOW)).toThrow();
    expect(() => mintWidgetToken(SECRET, { exp: inMinutes(10), sub: 'has space' }, NOW)).toThrow();
    expect(() => mintWidgetToken(SECRET, { exp: inMinutes(10), role: 'admin' } as never, NOW)).toThrow();
  });
});

describe('npm run token', () => {
  const run = (args: string[], env: Record<string, string | undefined>) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], { env: { ...process.env, ...env } });

  it('prints a token for the amount and lifetime asked, that the server accepts', async () => {
    const { stdout } = await run(['--amount', '15000', '--ttl', '10m', '--sub', 'till-3'], { WIDGET_TOKEN_SECRET: SECRET });
    const check = verifyWidgetToken(SECRET, stdout.trim());
    expect(check).toMatchObject({ ok: true, claims: { amount: 15000, sub: 'till-3' } });
    const lifetime = (check as { claims: { exp: number } }).claims.exp * 1000 - Date.now();
    expect(lifetime).toBeGreaterThan(9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000);
  });

  it('refuses to run without the secret, saying so', async () => {
    await expect(run(['--amount', '15000'], { WIDGET_TOKEN_SECRET: '' })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('WIDGET_TOKEN_SECRET') });
  });
});
