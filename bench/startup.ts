/**
 * Start-up and idle memory of the compiled server (`pay-link-server`, run with
 * plain `node` as Deploy runs it): from spawning it to its first 200 on
 * /healthz, on a fresh database, against the bare Hono app compiled and
 * started the same way (Node and Hono: the floor). Then its RSS once it has
 * sat idle a moment. Median of several starts, each kind in turn so drift
 * hits both alike.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { compile } from './compiled.js';
import { serverEnv, spawnCompiled, type Child } from './procs.js';
import { median } from './stats.js';

export interface StartupResult {
  runs: number;
  serverMs: number[];
  bareHonoMs: number[];
  /** Medians. */
  server: number;
  bareHono: number;
  /** Median RSS (bytes) `IDLE_MS` after the first 200. */
  serverIdleRss: number;
  bareHonoIdleRss: number;
}

/** How long a started process sits before its RSS is read: start-up's garbage collected, timers begun. */
export const IDLE_MS = 2000;


async function startAndRest(start: () => Promise<Child>): Promise<{ readyMs: number; rss: number }> {
  const child = await start();
  try {
    await sleep(IDLE_MS);
    return { readyMs: child.readyMs, rss: child.rss() };
  } finally {
    await child.stop();
  }
}

export async function measureStartup(dir: string, runs: number): Promise<StartupResult> {
  const { serverBin, bareHono } = compile(dir);
  // The bench's own build (build.ts) when there is one: what the package ships beside its modules.
  const dist = join(dir, 'dist');
  const distEnv: Record<string, string> = existsSync(join(dist, 'widget')) ? { DIST_DIR: dist } : {};
  const bare: { readyMs: number; rss: number }[] = [];
  const server: { readyMs: number; rss: number }[] = [];
  for (let run = 0; run < runs; run++) {
    bare.push(await startAndRest(() => spawnCompiled(bareHono, {})));
    server.push(await startAndRest(() => spawnCompiled(serverBin, serverEnv(join(dir, `startup-${run}.sqlite`), distEnv))));
  }
  const serverMs = server.map((s) => s.readyMs);
  const bareHonoMs = bare.map((s) => s.readyMs);
  return {
    runs,
    serverMs,
    bareHonoMs,
    server: median(serverMs),
    bareHono: median(bareHonoMs),
    serverIdleRss: median(server.map((s) => s.rss)),
    bareHonoIdleRss: median(bare.map((s) => s.rss)),
  };
}
