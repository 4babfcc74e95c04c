/**
 * kill -9 in the middle of a burst of link creations, then a restart on the
 * same database: every link that was answered 201 must still be there.
 * The server runs as `npm start` runs it, in its own process; the figures
 * are printed. Also: `npm run test:kill9`.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { openSqliteStore } from '../../server/store/sqlite.js';

const TOTAL = 300;
const CONCURRENCY = 20;
/** The kill comes once this many links were answered 201: mid-burst, with requests in flight. */
const KILL_AFTER = 120;

const dir = mkdtempSync(join(tmpdir(), 'pay-link-kill9-'));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `npm start`'s server in a child process, answering on `port`. */
async function startChild(port: number, databasePath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      LOG_LEVEL: 'error',
      RATE_LIMIT_LINKS_PER_IP: '100000/1m',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false);
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

it('after kill -9 mid-burst and a restart, every link answered 201 is there', async () => {
  const port = await freePort();
  const databasePath = join(dir, 'pay-link.sqlite');
  const base = `http://127.0.0.1:${port}`;
  const server = await startChild(port, databasePath);
  const exited = new Promise((resolve) => server.once('exit', resolve));

  const created: PaymentLink[] = [];
  const unanswered: string[] = [];
  const figures = { tried: 0, created: 0, fiveXx: 0, otherStatus: 0, noAnswer: 0, lost: 0, recordedWithoutAnswer: 0 };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < TOTAL; i = next++) {
      const orderId = `K9-${i}`;
      figures.tried++;
      try {
        const response = await fetch(`${base}/api/links`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `kill9-${i}` },
          body: JSON.stringify({ amount: 1000 + i, goodsName: `버스트 ${i}`, orderId }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = await response.text();
        if (response.status === 201) {
          created.push(JSON.parse(body) as PaymentLink);
          if (created.length === KILL_AFTER) server.kill('SIGKILL');
        } else if (response.status >= 500) figures.fiveXx++;
        else figures.otherStatus++;
      } catch {
        // Killed before it answered: the client cannot know whether the link exists.
        figures.noAnswer++;
        unanswered.push(orderId);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await exited;
  figures.created = created.length;

  await startChild(port, databasePath);
  for (const link of created) {
    const response = await fetch(`${base}/api/links/${link.id}`);
    const read = response.ok ? ((await response.json()) as PaymentLink) : undefined;
    if (!read || read.orderId !== link.orderId || read.amount !== link.amount || read.url !== link.url || read.shortUrl !== link.shortUrl) figures.lost++;
  }
  // Links whose request the kill cut off may have been recorded (`creating`, soon `unknown`): never silently dropped.
  const store = openSqliteStore(databasePath);
  for (const orderId of unanswered) if (await store.getLinkByOrder('kicc', orderId)) figures.recordedWithoutAnswer++;
  await store.close();

  console.log(`kill -9 figures: ${JSON.stringify(figures)}`);
  expect(figures.created).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(figures.noAnswer).toBeGreaterThan(0);
  expect(figures.fiveXx).toBe(0);
  expect(figures.lost).toBe(0);
}, 60_000);
