/**
 * Child processes for the benchmarks: the real server entry (`server/main.ts`)
 * or the bare baseline app, each on its own loopback port, so the browser,
 * the load generator and the servers are separate processes as in production.
 */

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EMULATOR_CREDENTIALS } from '../server/emulators/index.js';

export interface Child {
  url: string;
  port: number;
  pid: number;
  /** Milliseconds from spawn to the first 200 on `healthPath`. */
  readyMs: number;
  /** Resident set size now, from /proc (bytes). */
  rss(): number;
  /** CPU seconds (user + system) used so far, from /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** A port free on loopback right now (the child binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Children still running: none outlives this process, however it ends. */
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const pick = (env: NodeJS.ProcessEnv, names: string[]) => Object.fromEntries(names.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));

/** Spawns `node --import tsx <script>` and polls `healthPath` until it answers 200. */
export function spawnNode(script: string, env: Record<string, string>, healthPath = '/healthz'): Promise<Child> {
  return spawnReady(['--import', 'tsx', script], env, healthPath);
}

/** Spawns `node <script>`, compiled JavaScript as deployed, and polls `/healthz` until it answers 200. */
export function spawnCompiled(script: string, env: Record<string, string>): Promise<Child> {
  return spawnReady([script], env, '/healthz');
}

async function spawnReady(args: string[], env: Record<string, string>, healthPath: string): Promise<Child> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    // Only what is given: a provider address or database URL in this shell must not reach the servers.
    env: { ...pick(process.env, ['PATH', 'HOME', 'TMPDIR']), ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitForHealth(child, `${url}${healthPath}`, started, () => stderr);
  return {
    url,
    port,
    pid: child.pid!,
    readyMs,
    rss: () => rssOf(child.pid!),
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    stop: () => stopChild(child),
  };
}

async function waitForHealth(child: ChildProcess, url: string, started: number, stderr: () => string): Promise<number> {
  const deadline = started + 30_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode}):\n${stderr()}`);
    const ok = await fetch(url).then((response) => response.status === 200, () => false);
    if (ok) return performance.now() - started;
    await sleep(5);
  }
  child.kill('SIGKILL');
  throw new Error(`${url}: no 200 within 30 s:\n${stderr()}`);
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]) * 1024;
}

let ticksPerSecond: number | undefined;

function cpuSecondsOf(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The server on loopback, logging as in production (stdout goes nowhere), with room for any number of links per address. */
export function serverEnv(databasePath: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'info',
    RATE_LIMIT_LINKS_PER_IP: '1000000/1s',
    ...extra,
  };
}

/** The server calling both providers at `emulatorUrl` (another process), with no emulator of its own. */
export function backendEnv(databasePath: string, emulatorUrl: string): Record<string, string> {
  const { kicc, paywelcome } = EMULATOR_CREDENTIALS;
  return serverEnv(databasePath, {
    ALLOW_OPEN_API: 'true',
    EMULATOR_ENABLED: 'false',
    KICC_API_BASE: `${emulatorUrl}/emulator/kicc`,
    KICC_MALL_ID: kicc.mallId,
    KICC_MALL_NAME: kicc.mallName,
    KICC_SENDER_NO: kicc.senderNo,
    KICC_SECRET_KEY: kicc.secretKey,
    PAYWELCOME_API_BASE: `${emulatorUrl}/emulator/paywelcome`,
    PAYWELCOME_MID: paywelcome.mid,
    PAYWELCOME_MKEY: paywelcome.mkey,
    PAYWELCOME_SIGN_KEY: paywelcome.signKey,
  });
}

export const SERVER_MAIN = 'server/main.ts';
