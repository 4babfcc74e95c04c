/** `Idempotency-Key` when requests with one key arrive together, and when the process running the first one dies. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { longestCreateMs } from '../../server/links/service.js';
import type { Store } from '../../server/store/store.js';
import { startBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ RATE_LIMIT_LINKS_PER_IP: '1000/1m' });
});
afterAll(() => backend.dispose());

const kicc = () => backend.emulators!.kicc;

/** Sends `bodies[i % bodies.length]` `count` times at once with one key; the answers in order of sending. */
async function burst(key: string, count: number, ...bodies: unknown[]) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await backend.post('/api/links', bodies[i % bodies.length], { 'idempotency-key': key });
      return { status: response.status, body: await response.text(), replayed: response.headers.get('idempotent-replayed') === 'true' };
    }),
  );
}

describe('100 concurrent POST /api/links with one Idempotency-Key', () => {
  it('make exactly one provider call and one link, and all get the identical answer', async () => {
    // A slow provider keeps the first request in flight while the other 99 arrive.
    kicc().faults.set({ mode: 'slow', delayMs: 300 });
    const calls = kicc().faults.calls;
    const registrations = await kicc().registrations.size();
    const answers = await burst('burst-100', 100, { amount: 4500, goodsName: '동시 요청' });
    kicc().faults.set(undefined);

    expect(kicc().faults.calls - calls).toBe(1);
    expect((await kicc().registrations.size()) - registrations).toBe(1);
    expect(new Set(answers.map(({ status, body }) => `${status} ${body}`)).size).toBe(1);
    expect(answers[0]!.status).toBe(201);
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
    const { id } = JSON.parse(answers[0]!.body) as PaymentLink;
    expect((await backend.store.getLink(id))!.state).toBe('active');
  });

  it('share one failure too, with one provider attempt (three tries), and free the key for a later retry', async () => {
    kicc().faults.set({ mode: 'http500' });
    const calls = kicc().faults.calls;
    const answers = await burst('burst-failing', 100, { amount: 4600, goodsName: 'Tea' });
    kicc().faults.set(undefined);

    expect(kicc().faults.calls - calls).toBe(3);
    expect(new Set(answers.map(({ status, body }) => `${status} ${body}`)).size).toBe(1);
    expect(answers[0]!.status).toBe(502);
    expect((JSON.parse(answers[0]!.body) as ApiErrorBody).error).toMatchObject({ code: 'provider_unavailable', retryable: true });

    const retry = await backend.post('/api/links', { amount: 4600, goodsName: 'Tea' }, { 'idempotency-key': 'burst-failing' });
    expect(retry.status).toBe(201);
  });

  it('refuse the ones with another body with 422, still with one provider call', async () => {
    kicc().faults.set({ mode: 'slow', delayMs: 200 });
    const calls = kicc().faults.calls;
    const answers = await burst('burst-mixed', 100, { amount: 4700, goodsName: 'Tea' }, { amount: 9999, goodsName: 'Tea' });
    kicc().faults.set(undefined);

    expect(kicc().faults.calls - calls).toBe(1);
    const [first, second] = [answers.filter((_, i) => i % 2 === 0), answers.filter((_, i) => i % 2 === 1)];
    expect(new Set(first.map(({ status, body }) => `${status} ${body}`)).size).toBe(1);
    expect(first[0]!.status).toBe(201);
    expect(second.every(({ status, body }) => status === 422 && body.includes('idempotency_mismatch'))).toBe(true);
  });
});

describe('a key left in progress by a process that died', () => {
  /** A store that stops answering at `when`, as a process killed at that instant would; `died` resolves then. */
  function dyingAt(when: 'insertLink' | 'registered') {
    let die!: () => void;
    const died = new Promise<void>((resolve) => (die = resolve));
    const stall = () => {
      die();
      return new Promise<never>(() => {});
    };
    const wrap = (store: Store): Store => ({
      ...store,
      insertLink: (...args) => (when === 'insertLink' ? stall() : store.insertLink(...args)),
      updateLink: (id, patch, event, from) => (when === 'registered' && event.type === 'registered' ? stall() : store.updateLink(id, patch, event, from)),
    });
    return { wrap, died };
  }

  /** Sends a request to a server that dies during it, then returns another server on the same database, `ahead` ms later. */
  async function crashMidRequest(when: 'insertLink' | 'registered', key: string, body: unknown, ahead: number) {
    const { wrap, died } = dyingAt(when);
    const dying = await startBackend({}, { wrapStore: wrap });
    const survivor = await startBackend({}, { dir: dying.dir, now: () => Date.now() + ahead });
    void dying.post('/api/links', body, { 'idempotency-key': key }).catch(() => undefined);
    await died;
    return { dying, survivor };
  }

  it('is answered from the link it recorded once it is older than any live request, never registered twice', async () => {
    const body = { amount: 5100, goodsName: 'Tea', orderId: 'CRASHED-1' };
    const { dying, survivor } = await crashMidRequest('registered', 'crash-1', body, longestCreateMs(3000) + 1000);
    try {
      const link = (await survivor.store.getLinkByOrder('kicc', 'CRASHED-1'))!;
      expect(link.state).toBe('creating');
      const calls = survivor.emulators!.kicc.faults.calls + dying.emulators!.kicc.faults.calls;

      const retry = await survivor.post('/api/links', body, { 'idempotency-key': 'crash-1' });
      expect(retry.status).toBe(504);
      expect(((await retry.json()) as ApiErrorBody).error).toMatchObject({ code: 'provider_timeout', linkId: link.id });
      expect(survivor.emulators!.kicc.faults.calls + dying.emulators!.kicc.faults.calls).toBe(calls);

      await survivor.reconciler.runOnce();
      expect((await survivor.store.getLink(link.id))!.state).toBe('unknown');
      const again = await survivor.post('/api/links', body, { 'idempotency-key': 'crash-1' });
      expect(again.status).toBe(504);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    } finally {
      await dying.close();
      await survivor.dispose();
    }
  });

  it('runs the request afresh when the dead one had recorded nothing', async () => {
    const body = { amount: 5200, goodsName: 'Tea', orderId: 'CRASHED-2' };
    const { dying, survivor } = await crashMidRequest('insertLink', 'crash-2', body, longestCreateMs(3000) + 1000);
    try {
      expect(await survivor.store.getLinkByOrder('kicc', 'CRASHED-2')).toBeUndefined();
      const retry = await survivor.post('/api/links', body, { 'idempotency-key': 'crash-2' });
      expect(retry.status).toBe(201);
      expect(((await retry.json()) as PaymentLink).orderId).toBe('CRASHED-2');
    } finally {
      await dying.close();
      await survivor.dispose();
    }
  });

  it('is kept, not freed, when the request failed unexpectedly after recording its link', async () => {
    const clock = { offset: 0 };
    const failing = await startBackend(
      {},
      {
        now: () => Date.now() + clock.offset,
        wrapStore: (store) => ({
          ...store,
          updateLink: (id, patch, event, from) => (event.type === 'registered' ? Promise.reject(new Error('disk full')) : store.updateLink(id, patch, event, from)),
        }),
      },
    );
    try {
      const body = { amount: 5400, goodsName: 'Tea', orderId: 'DISK-FULL-1' };
      const first = await failing.post('/api/links', body, { 'idempotency-key': 'disk-full' });
      expect(first.status).toBe(500);
      const calls = failing.emulators!.kicc.faults.calls;

      clock.offset = longestCreateMs(3000) + 1000;
      const retry = await failing.post('/api/links', body, { 'idempotency-key': 'disk-full' });
      const link = (await failing.store.getLinkByOrder('kicc', 'DISK-FULL-1'))!;
      expect(retry.status).toBe(504);
      expect(((await retry.json()) as ApiErrorBody).error.linkId).toBe(link.id);
      expect(failing.emulators!.kicc.faults.calls).toBe(calls);
    } finally {
      await failing.dispose();
    }
  });

  it('is waited for, not taken over, while it could still be alive', async () => {
    const body = { amount: 5300, goodsName: 'Tea' };
    const { dying, survivor } = await crashMidRequest('registered', 'crash-3', body, 0);
    try {
      const calls = survivor.emulators!.kicc.faults.calls;
      const pending = survivor.post('/api/links', body, { 'idempotency-key': 'crash-3' });
      const outcome = await Promise.race([pending.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 1000))]);
      expect(outcome).toBe('waiting');
      expect(survivor.emulators!.kicc.faults.calls).toBe(calls);
      void pending.catch(() => undefined);
    } finally {
      await dying.close();
      await survivor.dispose();
    }
  });
});
