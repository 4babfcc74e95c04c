/** The API with WIDGET_TOKEN_SECRET set: who may create, resend and cancel, and who sees a customer's details. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, LinkPage, PaymentLink } from '../../core/link.js';
import { mintWidgetToken, type WidgetClaims } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const SECRET = 'widget-secret-for-tests-0123456789abcdef';
let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ WIDGET_TOKEN_SECRET: SECRET, PROVIDER_TIMEOUT_MS: '300' });
});
afterAll(() => backend.dispose());

const inMinutes = (minutes: number) => Math.floor(Date.now() / 1000) + minutes * 60;
const token = (claims: Partial<WidgetClaims> = {}) => mintWidgetToken(SECRET, { exp: inMinutes(10), ...claims });
const bearer = (value: string) => ({ authorization: `Bearer ${value}` });
const tea = { amount: 15000, goodsName: 'Tea' };

async function create(body: unknown, headers: Record<string, string>) {
  const response = await backend.post('/api/links', body, headers);
  return { response, json: (await response.json()) as PaymentLink & ApiErrorBody };
}

/** Runs `act` and says how many requests reached either provider meanwhile. */
async function providerCallsDuring(act: () => Promise<unknown>) {
  const calls = () => backend.emulators!.kicc.faults.calls + backend.emulators!.paywelcome.faults.calls;
  const before = calls();
  await act();
  return calls() - before;
}

describe('creating a link with WIDGET_TOKEN_SECRET set', () => {
  it('needs a token: none, a forged one or a bare secret get 401, before any provider call', async () => {
    const forged = `${Buffer.from(JSON.stringify({ exp: inMinutes(10) })).toString('base64url')}.${'A'.repeat(43)}`;
    const calls = await providerCallsDuring(async () => {
      for (const headers of [{}, bearer('nonsense'), bearer(forged), bearer(SECRET), { authorization: token() }]) {
        const { response, json } = await create(tea, headers);
        expect(response.status).toBe(401);
        expect(json.error.code).toBe('unauthorized');
      }
    });
    expect(calls).toBe(0);
  });

  it('answers 401 token_expired to an expired token, asking for a reload', async () => {
    const expired = mintWidgetToken(SECRET, { exp: inMinutes(-1) }, Date.now() - 5 * 60_000);
    const { response, json } = await create(tea, { ...bearer(expired), 'accept-language': 'en' });
    expect(response.status).toBe(401);
    expect(json.error).toMatchObject({ code: 'token_expired', message: expect.stringMatching(/Reload/) });
  });

  it('refuses an amount changed in devtools with 403 token_mismatch naming the amount, and stores nothing', async () => {
    const fixed = token({ amount: 15000 });
    const calls = await providerCallsDuring(async () => {
      const { response, json } = await create({ ...tea, amount: 100 }, { ...bearer(fixed), 'accept-language': 'en' });
      expect(response.status).toBe(403);
      expect(json.error).toMatchObject({
        code: 'token_mismatch',
        fields: [{ field: 'amount', code: 'token_mismatch', message: 'Amount is not the one this page allows.' }],
      });
    });
    expect(calls).toBe(0);
    expect((await create(tea, bearer(fixed))).response.status).toBe(201);
  });

  it('holds an amount under the token’s ceiling', async () => {
    const ceiling = token({ maxAmount: 50_000 });
    expect((await create({ ...tea, amount: 50_001 }, bearer(ceiling))).json.error.fields?.[0]?.field).toBe('amount');
    expect((await create({ ...tea, amount: 50_000 }, bearer(ceiling))).response.status).toBe(201);
  });

  it('uses the token’s order number and provider when the request names none, and refuses others', async () => {
    const fixed = token({ orderId: 'SHOP-ORDER-77', provider: 'paywelcome' });
    const made = await create(tea, bearer(fixed));
    expect(made.response.status).toBe(201);
    expect(made.json).toMatchObject({ orderId: 'SHOP-ORDER-77', provider: 'paywelcome' });

    const other = await create({ ...tea, orderId: 'SHOP-ORDER-78', provider: 'kicc' }, bearer(fixed));
    expect(other.response.status).toBe(403);
    expect(other.json.error.fields?.map((f) => f.field)).toEqual(['orderId', 'provider']);
  });

  it('keeps one caller’s Idempotency-Key apart from another’s', async () => {
    const key = { 'idempotency-key': 'shared-key-1' };
    expect((await create(tea, { ...bearer(token({ sub: 'till-1' })), ...key })).response.status).toBe(201);
    const other = await create(tea, { ...bearer(token({ sub: 'till-2' })), ...key });
    expect(other.response.status).toBe(422);
    expect(other.json.error.code).toBe('idempotency_mismatch');
  });
});

describe('a link made with a token', () => {
  const customer = { name: '김고객', phone: '010-2222-3333', email: 'kim.customer@example.com' };
  const mine = () => bearer(token({ sub: 'till-1', role: 'staff' }));
  const theirs = () => bearer(token({ sub: 'till-2', role: 'staff' }));
  let link: PaymentLink;
  beforeAll(async () => {
    link = (await create({ ...tea, delivery: 'provider-sms', customer }, mine())).json;
  });

  it('shows the customer’s name, number and email in full only to its creator’s token; everyone else sees them masked', async () => {
    const whole = { name: '김고객', phone: '01022223333', email: 'kim.customer@example.com' };
    const masked = { name: '김*객', phone: '010-****-3333', email: 'ki***@example.com' };
    expect(link.customer).toEqual(whole);
    const read = async (headers: Record<string, string>) => ((await (await backend.get(`/api/links/${link.id}`, headers)).json()) as PaymentLink).customer;
    expect(await read(mine())).toEqual(whole);
    expect(await read(theirs())).toEqual(masked);
    expect(await read({})).toEqual(masked);
    const expired = mintWidgetToken(SECRET, { exp: inMinutes(-1), sub: 'till-1' }, Date.now() - 5 * 60_000);
    expect(await read(bearer(expired))).toEqual(masked);
  });

  it('streams the customer’s details masked: the event stream is open to anyone who has the id', async () => {
    const stream = await fetch(`${backend.url}/api/links/${link.id}/events`, { headers: mine() });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
    await reader.cancel();
    const first = JSON.parse(/data: (.*)\n/.exec(text)![1]!) as PaymentLink;
    expect(first.customer).toEqual({ name: '김*객', phone: '010-****-3333', email: 'ki***@example.com' });
  });

  it('can be resent and cancelled by its creator only; to anyone else it is not there', async () => {
    for (const action of ['resend', 'cancel']) {
      const other = await backend.post(`/api/links/${link.id}/${action}`, {}, theirs());
      expect(other.status).toBe(404);
      const anonymous = await backend.post(`/api/links/${link.id}/${action}`, {});
      expect(anonymous.status).toBe(401);
    }
    const resent = await backend.post(`/api/links/${link.id}/resend`, {}, mine());
    expect(resent.status).toBe(200);
    expect(((await resent.json()) as PaymentLink).customer.phone).toBe('01022223333');
    expect((await backend.post(`/api/links/${link.id}/cancel`, {}, mine())).status).toBe(200);
  });

  it('cannot be resent under a token fixed to another order', async () => {
    const fresh = (await create({ ...tea, delivery: 'provider-sms', customer }, mine())).json;
    const response = await backend.post(`/api/links/${fresh.id}/resend`, {}, bearer(token({ sub: 'till-1', role: 'staff', orderId: 'SOMETHING-ELSE' })));
    expect(response.status).toBe(403);
    expect(((await response.json()) as ApiErrorBody).error.fields?.[0]?.field).toBe('orderId');
  });

  it('records who made it in the audit trail', async () => {
    const events = await backend.store.events(link.id);
    expect(events[0]).toMatchObject({ type: 'create_requested', actor: 'api:till-1', detail: { ip: '127.0.0.1' } });
  });
});

describe('GET /api/links?status=unknown', () => {
  it('lists the caller’s own links whose outcome is unknown, with their numbers', async () => {
    backend.emulators!.kicc.faults.set({ mode: 'timeout', delayMs: 2000 });
    const stuck = await create({ ...tea, customer: { phone: '01044445555' } }, bearer(token({ sub: 'till-9', role: 'staff' })));
    backend.emulators!.kicc.faults.set(undefined);
    expect(stuck.response.status).toBe(504);

    const list = async (headers: Record<string, string>) => backend.get('/api/links?status=unknown', headers);
    const own = (await (await list(bearer(token({ sub: 'till-9', role: 'staff' })))).json()) as LinkPage;
    expect(own.data.map((l) => [l.id, l.status, l.customer.phone])).toEqual([[stuck.json.error.linkId, 'unknown', '01044445555']]);
    expect(own.nextCursor).toBeNull();
    expect(((await (await list(bearer(token({ sub: 'till-1', role: 'staff' })))).json()) as LinkPage).data).toEqual([]);
    // A customer's token lists nothing, even its own; the merchant's lists every till's.
    expect((await list(bearer(token({ sub: 'till-9' })))).status).toBe(403);
    expect((await list(bearer(token()))).status).toBe(403);
    const all = (await (await list(bearer(token({ role: 'merchant' })))).json()) as LinkPage;
    expect(all.data.map((l) => l.id)).toContain(stuck.json.error.linkId);
    expect((await list({})).status).toBe(401);
  });
});
