import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { kiccNotifier } from '../../server/emulators/kicc/notify.js';
import { paywelcomeNotifier } from '../../server/emulators/paywelcome/notify.js';
import { serveApp, type Served } from '../support/serve.js';

let merchant: Served | undefined;
afterEach(() => merchant?.close());

/** A merchant endpoint that gives each answer in turn, then the last one forever. */
async function merchantAnswering(answers: { status: number; body: string }[]) {
  const received: string[] = [];
  const app = new Hono().post('/notify', async (c) => {
    received.push(await c.req.text());
    const answer = answers[Math.min(received.length, answers.length) - 1]!;
    return c.body(answer.body, answer.status as 200);
  });
  merchant = await serveApp(app);
  return { url: `${merchant.url}/notify`, received };
}

const delivery = { body: '{"notiType":"10"}', contentType: 'application/json; charset=utf-8' };

describe('the emulated providers resend a notification until it is acknowledged', () => {
  it('KICC: again after a 500 and after a wrong resCd, then stops at {"resCd":"0000"}', async () => {
    const { url, received } = await merchantAnswering([
      { status: 500, body: 'oops' },
      { status: 200, body: '{"resCd":"5001","resMsg":"처리실패"}' },
      { status: 200, body: '{"resCd":"0000","resMsg":"정상"}' },
    ]);
    const notifier = kiccNotifier(() => url, 10);
    expect(await notifier.deliver(delivery)).toBe(true);
    expect(received).toHaveLength(3);
    expect(notifier.log.map((attempt) => attempt.accepted)).toEqual([false, false, true]);
  });

  it('KICC: gives up after its 10 resends', async () => {
    const { url, received } = await merchantAnswering([{ status: 404, body: 'no' }]);
    expect(await kiccNotifier(() => url, 1).deliver(delivery)).toBe(false);
    expect(received).toHaveLength(11);
  });

  it('PayWelcome: only the bare text OK counts', async () => {
    const { url, received } = await merchantAnswering([
      { status: 200, body: 'ok' },
      { status: 200, body: 'OK\n' },
      { status: 200, body: 'OK' },
    ]);
    expect(await paywelcomeNotifier(() => url, 10).deliver(delivery)).toBe(true);
    expect(received).toHaveLength(3);
  });
});
