/**
 * Load with autocannon from this process, over loopback. Latencies are taken
 * from each response (float milliseconds): autocannon's own histogram rounds
 * to whole milliseconds, too coarse for a route that answers in 0.2 ms.
 * `alternate` runs several targets in turn, round after round, so the
 * machine's drift (other processes, disk flushes) falls on all of them alike.
 */

import autocannon from 'autocannon';
import { spread, type Spread } from './stats.js';

export interface LoadOptions {
  url: string;
  path: string;
  connections: number;
  headers?: Record<string, string>;
  /** A fresh body for every request. */
  body: () => string;
  /** Headers made fresh for every request, such as the `Idempotency-Key` the widget sends. */
  freshHeaders?: () => Record<string, string>;
}

export interface LoadResult {
  connections: number;
  requests: number;
  seconds: number;
  /** Completed 2xx answers per second. */
  rps: number;
  latency: Spread;
}

interface Sample {
  seconds: number;
  latencies: number[];
}

/** One run, bounded by `duration` seconds or by `amount` requests. */
async function run(options: LoadOptions, bound: { duration: number } | { amount: number }): Promise<Sample> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    ...bound,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json', ...options.headers },
        setupRequest: (request) => ({
          ...request,
          body: options.body(),
          ...(options.freshHeaders ? { headers: { ...request.headers, ...options.freshHeaders() } } : {}),
        }),
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status >= 200 && status < 300) latencies.push(responseTime);
  });
  const result = await instance;
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed) {
    throw new Error(`${options.url}${options.path}: ${failed} failed requests (${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors)`);
  }
  return { seconds: result.duration, latencies };
}

function summarize(connections: number, samples: Sample[]): LoadResult {
  const latencies = samples.flatMap((sample) => sample.latencies);
  const seconds = samples.reduce((total, sample) => total + sample.seconds, 0);
  return { connections, requests: latencies.length, seconds, rps: latencies.length / seconds, latency: spread(latencies) };
}

export async function load(options: LoadOptions, seconds: number): Promise<LoadResult> {
  return summarize(options.connections, [await run(options, { duration: seconds })]);
}

/** Exactly `amount` requests, as fast as they go. */
export async function send(options: LoadOptions, amount: number): Promise<LoadResult> {
  return summarize(options.connections, [await run(options, { amount })]);
}

/** `seconds` of load on each target, in `rounds` turns; a one-second warm-up of each first. */
export async function alternate<K extends string>(targets: Record<K, LoadOptions>, seconds: number, rounds = 4): Promise<Record<K, LoadResult>> {
  const names = Object.keys(targets) as K[];
  for (const name of names) await run(targets[name], { duration: 1 });
  const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<K, Sample[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) samples[name].push(await run(targets[name], { duration: seconds / rounds }));
  }
  return Object.fromEntries(names.map((name) => [name, summarize(targets[name].connections, samples[name])])) as Record<K, LoadResult>;
}
