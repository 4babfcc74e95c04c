/**
 * The backend's share alone, quicker than `npm run bench`: one SQLite commit
 * on this disk, then `POST /api/links` (with and without the widget's
 * `Idempotency-Key`) against the KICC emulator called directly, alternating
 * rounds, at 10 connections and at 1. `npx tsx bench/backend-focus.ts [seconds]`.
 */

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureCommit } from './disk.js';
import { KICC_CONTENT_TYPE, KICC_REGISTER_PATH, LINK_REQUEST, kiccRegistration, nextOrderNo } from './emulator-body.js';
import { alternate, send, type LoadOptions, type LoadResult } from './load.js';
import { SERVER_MAIN, backendEnv, serverEnv, spawnNode } from './procs.js';

const seconds = Number(process.argv[2] ?? 8);
const dir = mkdtempSync(join(tmpdir(), 'pay-link-focus-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));

const commit = measureCommit(dir);
console.log(`commit (WAL, synchronous=FULL): p50 ${commit.p50.toFixed(3)} ms, p95 ${commit.p95.toFixed(3)} ms`);

const emulator = await spawnNode(SERVER_MAIN, serverEnv(join(dir, 'emulator.sqlite')));
const backend = await spawnNode(SERVER_MAIN, backendEnv(join(dir, 'backend.sqlite'), emulator.url));
try {
  const links = (connections: number, keyed: boolean): LoadOptions => ({
    url: backend.url,
    path: '/api/links',
    connections,
    body: () => JSON.stringify(LINK_REQUEST),
    ...(keyed ? { freshHeaders: () => ({ 'idempotency-key': randomUUID() }) } : {}),
  });
  const direct = (connections: number): LoadOptions => ({
    url: emulator.url,
    path: KICC_REGISTER_PATH,
    connections,
    headers: { 'content-type': KICC_CONTENT_TYPE },
    body: () => JSON.stringify(kiccRegistration(nextOrderNo())),
  });
  const line = (name: string, result: LoadResult) =>
    `${name.padEnd(16)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50.toFixed(2)} ms  p99 ${result.latency.p99.toFixed(2)} ms`;

  const loaded = await alternate({ backend: links(10, false), keyed: links(10, true), emulator: direct(10) }, seconds);
  console.log('10 connections');
  for (const [name, result] of Object.entries(loaded)) console.log(line(name, result));
  console.log(`backend/emulator ${((100 * loaded.backend.rps) / loaded.emulator.rps).toFixed(1)} %, keyed/emulator ${((100 * loaded.keyed.rps) / loaded.emulator.rps).toFixed(1)} %`);

  const serial = await alternate({ backend: links(1, false), keyed: links(1, true), emulator: direct(1) }, seconds / 2);
  console.log('1 connection');
  for (const [name, result] of Object.entries(serial)) console.log(line(name, result));
  console.log(
    `added p50: ${(serial.backend.latency.p50 - serial.emulator.latency.p50).toFixed(2)} ms, keyed ${(serial.keyed.latency.p50 - serial.emulator.latency.p50).toFixed(2)} ms`,
  );
  // CPU time the backend spends per link, whatever else the machine runs.
  const cpuMs = () => backend.cpuSeconds() * 1000;
  for (const keyed of [false, true]) {
    const before = cpuMs();
    const sent = await send(links(10, keyed), 3000);
    console.log(`backend CPU per link${keyed ? ' (keyed)' : ''}: ${((cpuMs() - before) / sent.requests).toFixed(2)} ms`);
  }
} finally {
  await backend.stop();
  await emulator.stop();
}
