/**
 * `GET /api/links`: the day's links, newest first, a page at a time. "Today"
 * is Korea's day, tested in Los Angeles (vitest's zone) with the server's
 * clock stopped at 01:30 in Seoul, still the afternoon before here; pages
 * follow a cursor that neither repeats nor skips while links are made; only
 * the links a caller may see, customer data masked as on the link itself.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, LinkPage, PaymentLink } from '../../core/link.js';
import type { LinkRecord } from '../../server/store/store.js';
import { mintWidgetToken, type WidgetClaims } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { created, link as fixture } from './store-contract/fixtures.js';

const SECRET = 'link-list-widget-secret-0123456789abcdef';
/** 01:30 on 11 March in Seoul; 09:30 on 10 March in Los Angeles. */
const NOW = Date.parse('2026-03-10T16:30:00Z');
const KST_MIDNIGHT = Date.parse('2026-03-10T15:00:00Z');
const MINUTE = 60_000;

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ WIDGET_TOKEN_SECRET: SECRET }, { now: () => NOW });
});
afterAll(() => backend?.dispose());

const as = (claims: Omit<WidgetClaims, 'exp'>) => ({
  authorization: `Bearer ${mintWidgetToken(SECRET, { exp: Math.floor(NOW / 1000) + 600, ...claims }, NOW)}`,
});
const till1 = as({ sub: 'till-1', role: 'staff' });
const till2 = as({ sub: 'till-2', role: 'staff' });
const merchant = as({ role: 'merchant' });

/** A stored link that lives a week from when it was made, as KICC's do. */
const link = (change: Partial<LinkRecord>) => fixture({ expiresAt: (change.createdAt ?? NOW) + 7 * 24 * 60 * MINUTE, ...change });

async function store(...records: LinkRecord[]) {
  for (const record of records) await backend.store.insertLink(record, created);
  return records;
}

async function list(query: string, headers: Record<string, string> = merchant) {
  const response = await backend.get(`/api/links${query}`, headers);
  return { status: response.status, body: (await response.json()) as LinkPage & ApiErrorBody };
}
const ids = (page: { data: PaymentLink[] }) => page.data.map((listed) => listed.id);

describe('the day’s list', () => {
  let yesterday: LinkRecord[];
  let today: LinkRecord[];
  beforeAll(async () => {
    yesterday = await store(
      link({ createdAt: KST_MIDNIGHT - 2 * 60 * MINUTE, state: 'paid', url: 'https://pay.example/y1', paidAt: KST_MIDNIGHT - 60 * MINUTE, owner: 'till-1' }),
      link({ createdAt: KST_MIDNIGHT - 1, state: 'active', url: 'https://pay.example/y2', owner: 'till-1' }),
    );
    today = await store(
      link({ createdAt: KST_MIDNIGHT, state: 'active', url: 'https://pay.example/t1', owner: 'till-1' }),
      link({ createdAt: KST_MIDNIGHT + 10 * MINUTE, state: 'paid', url: 'https://pay.example/t2', paidAt: KST_MIDNIGHT + 12 * MINUTE, owner: 'till-2', provider: 'paywelcome' }),
      link({ createdAt: KST_MIDNIGHT + 20 * MINUTE, state: 'cancelled', url: 'https://pay.example/t3', cancelledAt: KST_MIDNIGHT + 25 * MINUTE, owner: 'till-1' }),
      link({ createdAt: KST_MIDNIGHT + 30 * MINUTE, state: 'active', url: 'https://pay.example/t4', expiresAt: NOW - MINUTE, owner: null }),
    );
  });

  it('is today’s links in Korea time, newest first, by default: here it is still yesterday afternoon', async () => {
    const { status, body } = await list('');
    expect(status).toBe(200);
    expect(ids(body)).toEqual(today.map((record) => record.id).reverse());
    expect(body.nextCursor).toBeNull();
    expect(body.data.map((listed) => listed.status)).toEqual(['expired', 'cancelled', 'paid', 'active']);
  });

  it('takes Korea-time days and instants with an offset for `from` and `to`, `to` not included', async () => {
    expect(ids((await list('?from=2026-03-10&to=2026-03-10')).body)).toEqual(yesterday.map((record) => record.id).reverse());
    expect(ids((await list('?from=2026-03-10')).body)).toEqual([...yesterday, ...today].map((record) => record.id).reverse());
    expect(ids((await list('?from=2026-03-10T14:59:59.999Z&to=2026-03-11T00:00:00.001%2B09:00')).body)).toEqual([today[0]!.id, yesterday[1]!.id]);
    expect(ids((await list(`?from=2026-03-10&to=${new Date(KST_MIDNIGHT).toISOString()}`)).body)).toEqual(yesterday.map((record) => record.id).reverse());
  });

  it('refuses a range it cannot read, naming the parameter', async () => {
    for (const [query, field] of [
      ['?from=2026-02-30', 'from'],
      ['?from=2026-03-10T10:00:00', 'from'],
      ['?to=yesterday', 'to'],
      ['?from=2026-03-11&to=2026-03-10', 'to'],
    ] as const) {
      const { status, body } = await list(query);
      expect(status, query).toBe(400);
      // The particle follows the name as read: "from" 프롬 takes 이, "to" 투 takes 가.
      const named = { from: 'from이', to: 'to가' }[field];
      expect(body.error.fields, query).toEqual([{ field, code: 'invalid_date', message: `${named} 올바른 날짜가 아닙니다.` }]);
    }
  });

  it('filters by the statuses the API shows, comma-separated, `expired` by the clock', async () => {
    expect(ids((await list('?status=expired')).body)).toEqual([today[3]!.id]);
    expect(ids((await list('?status=active')).body)).toEqual([today[0]!.id]);
    expect(ids((await list('?status=paid,cancelled')).body)).toEqual([today[2]!.id, today[1]!.id]);
    const refused = await list('?status=paid,refunded-ish');
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields?.[0]?.field).toMatch(/^status/);
  });
});

describe('pages', () => {
  const day = '?from=2026-03-09&to=2026-03-09';
  let made: LinkRecord[];
  beforeAll(async () => {
    const start = Date.parse('2026-03-08T15:00:00Z');
    // Two made at the same millisecond: the id orders them.
    made = await store(...Array.from({ length: 7 }, (_, i) => link({ createdAt: start + Math.min(i, 5) * MINUTE, state: 'active', url: `https://pay.example/p${i}` })));
  });

  it('follow the cursor to the end, every link once, newest first, while links are made meanwhile', async () => {
    const expected = [...made].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((record) => record.id);
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const { status, body } = await list(`${day}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      seen.push(...ids(body));
      cursor = body.nextCursor;
      pages++;
      // A sale at the counter while staff scroll: newer than the page read, so it never shifts the pages after.
      await store(link({ createdAt: Date.parse('2026-03-09T14:00:00Z') + pages, state: 'active', url: 'https://pay.example/new' }));
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it('are 50 links by default and at most 200; a cursor that is not ours is refused', async () => {
    for (const query of ['limit=0', 'limit=201', 'limit=ten', 'limit=-1', 'cursor=not-a-cursor', `cursor=${Buffer.from('x.pl_1').toString('base64url')}`]) {
      const { status, body } = await list(`${day}&${query}`);
      expect(status, query).toBe(400);
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.fields?.[0]?.field).toBe(query.split('=')[0]);
    }
    const many = await store(...Array.from({ length: 55 }, (_, i) => link({ createdAt: Date.parse('2026-03-07T15:00:00Z') + i, state: 'active' })));
    const first = await list('?from=2026-03-08&to=2026-03-08');
    expect(first.body.data).toHaveLength(50);
    expect(first.body.nextCursor).not.toBeNull();
    expect((await list('?from=2026-03-08&to=2026-03-08&limit=200')).body.data).toHaveLength(many.length);
  });
});

describe('who sees what', () => {
  const day = '?from=2026-03-05&to=2026-03-05';
  let mine: LinkRecord;
  let theirs: LinkRecord;
  beforeAll(async () => {
    const at = Date.parse('2026-03-05T03:00:00Z');
    [mine, theirs] = (await store(
      link({ createdAt: at, state: 'active', url: 'https://pay.example/m', owner: 'till-1', customerName: '김고객', customerPhone: '01022223333', customerEmail: 'kim.customer@example.com' }),
      link({ createdAt: at + 1, state: 'active', url: 'https://pay.example/t', owner: 'till-2', customerName: '이고객', customerPhone: '01044445555', customerEmail: null }),
    )) as [LinkRecord, LinkRecord];
  });

  it('staff see the links of their sub, with their customers in full; nothing of another till', async () => {
    const own = await list(day, till1);
    expect(own.body.data.map((listed) => [listed.id, listed.customer])).toEqual([
      [mine.id, { name: '김고객', phone: '01022223333', email: 'kim.customer@example.com' }],
    ]);
    expect(ids((await list(day, till2)).body)).toEqual([theirs.id]);
    expect(ids((await list(day, as({ sub: 'till-3', role: 'staff' }))).body)).toEqual([]);
  });

  it('a merchant sees every link and every customer', async () => {
    const all = await list(day, merchant);
    expect(all.body.data.map((listed) => listed.customer.phone)).toEqual(['01044445555', '01022223333']);
  });

  it('a customer’s token lists nothing, even its own; no token is 401', async () => {
    for (const headers of [as({ sub: 'till-1' }), as({})]) {
      const refused = await list(day, headers);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    expect((await list(day, {})).status).toBe(401);
  });

  it('in open mode lists every link, with customers masked', async () => {
    const open = await startBackend({}, { now: () => NOW });
    try {
      await open.store.insertLink({ ...mine }, created);
      const page = (await (await open.get(`/api/links${day}`)).json()) as LinkPage;
      expect(page.data.map((listed) => listed.customer)).toEqual([{ name: '김*객', phone: '010-****-3333', email: 'ki***@example.com' }]);
    } finally {
      await open.dispose();
    }
  });
});
