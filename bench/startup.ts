/**
 * Start-up: from spawning `node --import tsx server/main.ts` to its first 200
 * on /healthz, on a fresh database, against the bare Hono app started the
 * same way (Node, tsx and Hono: the floor). Median of several starts, each
 * kind in turn so drift hits both alike.
 */

import { join } from 'node:path';
import { SERVER_MAIN, serverEnv, spawnNode } from './procs.js';
import { median } from './stats.js';

export interface StartupResult {
  runs: number;
  serverMs: number[];
  bareHonoMs: number[];
  /** Medians. */
  server: number;
  bareHono: number;
}

export async function measureStartup(dir: string, runs: number): Promise<StartupResult> {
  const serverMs: number[] = [];
  const bareHonoMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const bare = await spawnNode('bench/bare-hono.ts', {});
    bareHonoMs.push(bare.readyMs);
    await bare.stop();
    const server = await spawnNode(SERVER_MAIN, serverEnv(join(dir, `startup-${run}.sqlite`)));
    serverMs.push(server.readyMs);
    await server.stop();
  }
  return { runs, serverMs, bareHonoMs, server: median(serverMs), bareHono: median(bareHonoMs) };
}
