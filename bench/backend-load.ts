/**
 * `POST /api/links` under load, with the provider emulator in another
 * process, against two baselines taken in the same rounds: a bare Hono JSON
 * route (what the framework costs) and the emulator called directly (what
 * the provider costs; our backend's own share is the difference). Links are
 * asked for as the widget asks (a fresh `Idempotency-Key` each) and without
 * a key. Every server is the compiled one, run by plain node as deployed.
 * A second pair sets the backend against a stand-in for KICC that keeps
 * nothing (kicc-stand-in.ts): the emulator keeps each registration durably,
 * as a gateway does, and so is slow enough to flatter the backend's share.
 * Then the backend's memory: idle, and once it has made 10,000 links.
 */

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KICC_CONTENT_TYPE, KICC_REGISTER_PATH, LINK_REQUEST, kiccRegistration, nextOrderNo } from './emulator-body.js';
import { alternate, send, type LoadOptions, type LoadResult } from './load.js';
import { compile } from './compiled.js';
import { backendEnv, serverEnv, spawnCompiled, spawnNode, type Child } from './procs.js';

export interface BackendLoadResult {
  seconds: number;
  connections: number;
  bareHono: LoadResult;
  /** Without an `Idempotency-Key`. */
  backend: LoadResult;
  /** As the widget asks: a fresh `Idempotency-Key` on each request. */
  backendKeyed: LoadResult;
  emulatorDirect: LoadResult;
  /** As the widget asks, against the stand-in for KICC that keeps nothing; and that stand-in called directly. */
  backendOnStandIn: LoadResult;
  standInDirect: LoadResult;
  /** One connection: latency without queueing. */
  backendSerial: LoadResult;
  backendKeyedSerial: LoadResult;
  emulatorSerial: LoadResult;
  backendOnStandInSerial: LoadResult;
  standInSerial: LoadResult;
  memory: {
    bareHonoIdleRss: number;
    backendIdleRss: number;
    /** RSS once the backend has made this many links through the API (the load above included). */
    after: { links: number; rss: number }[];
  };
}

/** RSS is read as the links made through the API reach each of these. */
export const MEMORY_STEPS = [5_000, 10_000];

export async function backendLoad(dir: string, seconds: number, connections = 10): Promise<BackendLoadResult> {
  const { serverBin, bareHono } = compile(dir);
  const children: Child[] = [];
  const start = async (script: string, env: Record<string, string>, spawn = spawnCompiled) => {
    const child = await spawn(script, env);
    children.push(child);
    return child;
  };
  try {
    const bare = await start(bareHono, {});
    const emulator = await start(serverBin, serverEnv(join(dir, 'emulator.sqlite')));
    const backendDb = join(dir, 'backend.sqlite');
    const backend = await start(serverBin, backendEnv(backendDb, emulator.url));
    const standIn = await start('bench/kicc-stand-in.ts', {}, spawnNode);
    const onStandIn = await start(serverBin, backendEnv(join(dir, 'backend-stand-in.sqlite'), standIn.url));
    const bareHonoIdleRss = bare.rss();
    const backendIdleRss = backend.rss();

    const links = (url: string, c = connections): LoadOptions => ({ url, path: '/api/links', connections: c, body: () => JSON.stringify(LINK_REQUEST) });
    const keyed = (url: string, c = connections): LoadOptions => ({ ...links(url, c), freshHeaders: () => ({ 'idempotency-key': randomUUID() }) });
    const direct = (url: string, c = connections): LoadOptions => ({
      url,
      path: KICC_REGISTER_PATH,
      connections: c,
      headers: { 'content-type': KICC_CONTENT_TYPE },
      body: () => JSON.stringify(kiccRegistration(nextOrderNo())),
    });
    const loaded = await alternate(
      {
        bareHono: links(bare.url),
        backend: links(backend.url),
        backendKeyed: keyed(backend.url),
        emulatorDirect: direct(emulator.url),
        backendOnStandIn: keyed(onStandIn.url),
        standInDirect: direct(standIn.url),
      },
      seconds,
    );
    const serial = await alternate(
      { backend: links(backend.url, 1), keyed: keyed(backend.url, 1), emulator: direct(emulator.url, 1), onStandIn: keyed(onStandIn.url, 1), standIn: direct(standIn.url, 1) },
      seconds / 2,
    );

    const after = [];
    for (const step of MEMORY_STEPS) {
      const made = countLinks(backendDb);
      if (made < step) await send(links(backend.url), step - made);
      after.push({ links: countLinks(backendDb), rss: backend.rss() });
    }
    const memory = { bareHonoIdleRss, backendIdleRss, after };

    return {
      seconds,
      connections,
      ...loaded,
      backendSerial: serial.backend,
      backendKeyedSerial: serial.keyed,
      emulatorSerial: serial.emulator,
      backendOnStandInSerial: serial.onStandIn,
      standInSerial: serial.standIn,
      memory,
    };
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
}

function countLinks(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM links WHERE state = 'active'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}
