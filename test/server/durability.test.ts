import { describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { startBackend } from '../support/backend.js';

describe('after a restart', () => {
  it('every link answered 201 is still there, with its idempotency key', async () => {
    let backend = await startBackend();
    const created: PaymentLink[] = [];
    for (const provider of ['kicc', 'paywelcome']) {
      const response = await backend.post('/api/links', { provider, amount: 2500, goodsName: '조각 케이크' }, { 'idempotency-key': `restart-${provider}` });
      expect(response.status).toBe(201);
      created.push((await response.json()) as PaymentLink);
    }

    backend = await backend.restart();
    try {
      for (const link of created) {
        const read = (await (await backend.get(`/api/links/${link.id}`)).json()) as PaymentLink;
        expect({ ...read, customer: {} }).toEqual({ ...link, customer: {} });
      }
      const replay = await backend.post('/api/links', { provider: 'kicc', amount: 2500, goodsName: '조각 케이크' }, { 'idempotency-key': 'restart-kicc' });
      expect(replay.status).toBe(201);
      expect(((await replay.json()) as PaymentLink).id).toBe(created[0]!.id);
    } finally {
      await backend.dispose();
    }
  });
});
