/** The typed client merchants call the API with (server/client.ts), against a real server with widget tokens on. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayLinkClient, PayLinkError, unwrap, type PayLinkClient } from '../../server/client.js';
import { mintWidgetToken } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const SECRET = 'client-secret-for-tests-0123456789abcdef';
let backend: TestBackend;
let client: PayLinkClient;
beforeAll(async () => {
  backend = await startBackend({ WIDGET_TOKEN_SECRET: SECRET });
  const token = mintWidgetToken(SECRET, { exp: Math.floor(Date.now() / 1000) + 600, sub: 'till-1', role: 'staff' });
  client = createPayLinkClient(backend.url, { token, locale: 'en' });
});
afterAll(() => backend.dispose());

/** The error `act` fails with. */
async function refusal(act: Promise<unknown>): Promise<PayLinkError> {
  const error = await act.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PayLinkError);
  return error as PayLinkError;
}

describe('the typed client', () => {
  it('creates, reads, resends and cancels a link, each answer typed', async () => {
    const body = { amount: 32000, goodsName: '조각 케이크', delivery: 'provider-sms' as const, customer: { phone: '010-1234-5678' } };
    const created = await unwrap(client.api.links.$post({ json: body }, { headers: { 'idempotency-key': 'client-1' } }));
    expect(created).toMatchObject({ status: 'active', amount: 32000, customer: { phone: '01012345678' } });

    const replayed = await client.api.links.$post({ json: body }, { headers: { 'idempotency-key': 'client-1' } });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect((await unwrap(replayed)).id).toBe(created.id);

    const read = await unwrap(client.api.links[':id'].$get({ param: { id: created.id } }));
    expect(read.status).toBe('active');
    const texts = backend.emulators!.kicc.sms.length;
    await unwrap(client.api.links[':id'].resend.$post({ param: { id: created.id } }));
    expect(backend.emulators!.kicc.sms.length).toBe(texts + 1);

    const cancelled = await unwrap(client.api.links[':id'].cancel.$post({ param: { id: created.id } }));
    expect(cancelled.cancellation.mode).toBe('provider');
    expect(cancelled.status).toBe('cancelled');
  });

  it('throws the API’s refusals as PayLinkError with their code, fields and message', async () => {
    const invalid = await refusal(unwrap(client.api.links.$post({ json: { amount: 10, goodsName: 'Tea' } })));
    expect(invalid).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(invalid.error.fields).toEqual([expect.objectContaining({ field: 'amount', code: 'amount_range' })]);

    expect(await refusal(unwrap(client.api.links[':id'].$get({ param: { id: 'pl_missing' } })))).toMatchObject({ status: 404, code: 'not_found' });

    const { id } = await unwrap(client.api.links.$post({ json: { amount: 1000, goodsName: 'Tea' } }));
    await unwrap(client.api.links[':id'].cancel.$post({ param: { id } }));
    const again = await refusal(unwrap(client.api.links[':id'].cancel.$post({ param: { id } })));
    expect(again).toMatchObject({ status: 409, code: 'link_not_active', message: expect.stringContaining('no longer active') });
  });

  it('is refused without a token when the server wants one', async () => {
    const anonymous = createPayLinkClient(backend.url);
    expect(await refusal(unwrap(anonymous.api.links.$post({ json: { amount: 1000, goodsName: 'Tea' } })))).toMatchObject({ status: 401, code: 'unauthorized' });
  });
});
