/**
 * `npm run bench`: builds the widget from the working tree, measures size,
 * start-up, the backend under load, growth and click-to-QR, each against a
 * baseline taken in the same run, prints the report and writes
 * bench/results.json. The first table is the headline: each target with
 * pay-link beside its baseline from the same run. `--quick` shortens every measurement (a smoke test;
 * its figures are not for quoting).
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { backendLoad } from './backend-load.js';
import { build } from './build.js';
import { clickToQr } from './click-to-qr.js';
import { measureCommit } from './disk.js';
import { measureGrowth } from './growth.js';
import { report, type Machine, type Results } from './report.js';
import { measureSize } from './size.js';
import { measureBaselineSize } from './size-baseline.js';
import { measureStartup } from './startup.js';
import { measureStreams } from './streams.js';

const quick = process.argv.includes('--quick');
const PLAN = quick
  ? { startups: 2, loadSeconds: 2, growthSeconds: 2, clicks: 5, streams: 500 }
  : { startups: 5, loadSeconds: 10, growthSeconds: 6, clicks: 50, streams: 5000 };

const started = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'pay-link-bench-'));
// However the run ends (an error, Ctrl-C): the servers are stopped (procs.ts), their files go.
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const machine: Machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), memory: totalmem(), node: process.version, phases: {} };

/** Runs one phase, saying so on stderr, noting how busy the machine was as it began and how long it took. */
async function phase<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const load = loadavg()[0]!;
  const begun = performance.now();
  process.stderr.write(`bench: ${name} (load average ${load.toFixed(1)})…\n`);
  const result = await run();
  machine.phases[name] = { load, seconds: (performance.now() - begun) / 1000 };
  return result;
}

const dist = await phase('build', () => build(dir));
const size = await phase('size', async () => ({ ...measureSize(join(dist, 'widget')), baseline: await measureBaselineSize(dir) }));
const startup = await phase('startup', () => measureStartup(dir, PLAN.startups));
// After start-up, which compiles the server it reuses.
const streams = await phase('streams', () => measureStreams(dir, { streams: PLAN.streams }));
const commit = await phase('disk', () => measureCommit(dir));
const backend = await phase('backend', () => backendLoad(dir, PLAN.loadSeconds));
const growth = await phase('growth', () => measureGrowth(dir, PLAN.growthSeconds));
const { chromium, ...click } = await phase('click-to-qr', () => clickToQr(dir, dist, PLAN.clicks));
machine.chromium = chromium;

const results: Results = {
  date: new Date().toISOString(),
  seconds: (performance.now() - started) / 1000,
  machine,
  size,
  clickToQr: click,
  backend: { ...backend, commit },
  startup,
  streams,
  growth,
};
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify({ quick, ...results }, null, 2)}\n`);
console.log(report(results));
