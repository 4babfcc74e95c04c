/**
 * Many open event streams on one instance: the compiled server in its own
 * process, emulated, `STREAMS` streams of one link held from this process
 * over loopback (sse-sockets.ts). Reports its RSS before and with all open,
 * its CPU while they sit idle, and how long a payment (the customer paying on
 * the KICC emulator's checkout page, whose notification the server takes)
 * takes to reach every stream.
 */

import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PaymentLink } from '../core/link.js';
import { compile } from './compiled.js';
import { LINK_REQUEST } from './emulator-body.js';
import { serverEnv, spawnCompiled } from './procs.js';
import { holdStream, openMany, type HeldStream } from './sse-sockets.js';
import { median } from './stats.js';

export interface StreamsResult {
  streams: number;
  /** Milliseconds to open them all, `OPEN_PARALLEL` at a time. */
  openMs: number;
  /** The server's RSS (bytes): idle with one link made, then with every stream open and settled. */
  rssBefore: number;
  rssOpen: number;
  /** The server's CPU (% of one core) over `idleSeconds` with every stream open and nothing happening. */
  idleCpuPercent: number;
  idleSeconds: number;
  /** Milliseconds from the customer's "pay" on the checkout page to the paid event on each stream. */
  arrival: { first: number; median: number; last: number; received: number };
}

const OPEN_PARALLEL = 200;
const PAID_WAIT_MS = 30_000;

export async function measureStreams(dir: string, { streams = 5000, idleSeconds = 5 } = {}): Promise<StreamsResult> {
  const { serverBin } = compile(dir);
  const server = await spawnCompiled(
    serverBin,
    serverEnv(join(dir, 'streams.sqlite'), { STREAMS_PER_IP: String(streams), STREAMS_PER_INSTANCE: String(streams), LOG_LEVEL: 'warn' }),
  );
  const held: HeldStream[] = [];
  try {
    const made = await fetch(`${server.url}/api/links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(LINK_REQUEST) });
    if (made.status !== 201) throw new Error(`POST /api/links: ${made.status} ${await made.text()}`);
    const link = (await made.json()) as PaymentLink;
    await sleep(1000);
    const rssBefore = server.rss();

    let paidCount = 0;
    let allPaid: () => void = () => {};
    const everyStreamPaid = new Promise<void>((resolve) => (allPaid = resolve));
    const onPaid = () => ++paidCount === streams && allPaid();
    const openStarted = performance.now();
    held.push(...(await openMany(streams, OPEN_PARALLEL, () => holdStream(server.port, `/api/links/${link.id}/events`, 'event: link', '"status":"paid"', onPaid))));
    const openMs = performance.now() - openStarted;

    await sleep(1000);
    const rssOpen = server.rss();
    const cpuBefore = server.cpuSeconds();
    const idleStarted = performance.now();
    await sleep(idleSeconds * 1000);
    const idleCpuPercent = ((server.cpuSeconds() - cpuBefore) / ((performance.now() - idleStarted) / 1000)) * 100;

    // The customer pays on the emulator's page (addressed here by loopback, as the link names localhost).
    const checkout = new URL(link.url!);
    const paidAt = performance.now();
    const paid = await fetch(`${server.url}${checkout.pathname}${checkout.search}`, { method: 'POST', body: new URLSearchParams({ action: 'pay', method: 'card' }), redirect: 'manual' });
    if (paid.status >= 400) throw new Error(`paying on the checkout page: ${paid.status}`);
    await Promise.race([everyStreamPaid, sleep(PAID_WAIT_MS)]);
    const arrivals = held.flatMap((stream) => (stream.markedAt === undefined ? [] : [stream.markedAt - paidAt]));
    arrivals.sort((a, b) => a - b);
    return {
      streams,
      openMs,
      rssBefore,
      rssOpen,
      idleCpuPercent,
      idleSeconds,
      arrival: { first: arrivals[0] ?? NaN, median: median(arrivals), last: arrivals.at(-1) ?? NaN, received: arrivals.length },
    };
  } finally {
    for (const stream of held) stream.close();
    await server.stop();
  }
}
