/**
 * The demo's reset (`POST /demo/reset`): every link and what the emulators
 * kept are gone, an open list is told to read again, and the server works
 * on as new. Refused from another site; not there with the demo off (nor
 * in live mode: live-mode.test.ts).
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { eventually } from '../support/eventually.js';
import { openEventStream } from '../support/sse.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.dispose());

async function make(body: Record<string, unknown>) {
  const response = await backend.post('/api/links', { amount: 15000, goodsName: '아메리카노 2잔', ...body });
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentLink;
}

const statusOf = async (link: PaymentLink) => ((await (await backend.get(`/api/links/${link.id}`)).json()) as PaymentLink).status;
const listed = async () => ((await (await backend.get('/api/links')).json()) as { data: PaymentLink[] }).data;
const reset = (headers: Record<string, string> = {}) => backend.post('/demo/reset', '', headers);

describe('POST /demo/reset', () => {
  it('deletes every link and what the emulators kept, has open lists read again, and the same order can be made anew', async () => {
    const paid = await make({ orderId: 'DEMO-1' });
    const paidPage = await fetch(paid.url!, { method: 'POST', body: new URLSearchParams({ action: 'pay' }), redirect: 'manual' });
    expect(paidPage.status).toBe(200);
    await eventually(() => statusOf(paid), (status) => status === 'paid');
    const texted = await make({ provider: 'kicc', delivery: 'provider-sms', customer: { phone: '01012345678' } });
    const welcome = await make({ provider: 'paywelcome' });
    expect(backend.emulators!.kicc.sms.map((sms) => sms.text).join('\n')).toContain(texted.url);
    expect(await listed()).toHaveLength(3);

    const stream = await openEventStream(`${backend.url}/api/links/events`);
    await stream.until((events) => events.some((event) => event.event === 'ready'), 'ready');
    // From the demo page itself, as its button sends it.
    const answer = await reset({ origin: new URL(backend.config.publicBaseUrl).origin });
    expect(answer.status).toBe(204);
    await stream.until((events) => events.some((event) => event.event === 'resync'), 'resync');
    stream.close();

    expect(await listed()).toEqual([]);
    for (const link of [paid, texted, welcome]) expect((await backend.get(`/api/links/${link.id}`)).status).toBe(404);
    expect(backend.emulators!.kicc.sms).toEqual([]);
    expect(await backend.emulators!.kicc.registrations.size()).toBe(0);
    expect(await backend.emulators!.paywelcome.links.size()).toBe(0);
    // The short link and the gateway's page know it no more.
    expect((await backend.get(new URL(paid.shortUrl!).pathname)).status).toBe(404);
    expect((await fetch(welcome.url!)).status).toBe(404);

    const again = await make({ orderId: 'DEMO-1' });
    expect(again.orderId).toBe('DEMO-1');
    expect(await listed()).toHaveLength(1);
    await reset();
  });

  it('is refused from another site, and deletes nothing', async () => {
    const link = await make({});
    const refused = await reset({ origin: 'https://elsewhere.example' });
    expect(refused.status).toBe(403);
    expect(await statusOf(link)).toBe('active');
    await reset();
  });

  it('is not there with the demo off', async () => {
    const noDemo = await startBackend({ DEMO_ENABLED: 'false' });
    try {
      const link = (await (await noDemo.post('/api/links', { amount: 1000, goodsName: 'x' })).json()) as PaymentLink;
      expect((await noDemo.post('/demo/reset', '')).status).toBe(404);
      expect((await noDemo.get(`/api/links/${link.id}`)).status).toBe(200);
    } finally {
      await noDemo.dispose();
    }
  });
});
