/** The printed report: one table per measurement, every timing beside its same-run baseline. */

import type { BackendLoadResult } from './backend-load.js';
import type { ClickToQrResult } from './click-to-qr.js';
import type { GrowthResult } from './growth.js';
import { TARGETS, type ModuleShare, type SizeResult, type Weight } from './size.js';
import type { BaselineSize } from './size-baseline.js';
import { IDLE_MS, type StartupResult } from './startup.js';
import type { StreamsResult } from './streams.js';
import { kb, mb, ms, ratio, type Spread } from './stats.js';

export interface Machine {
  cpu: string;
  cores: number;
  memory: number;
  node: string;
  chromium?: string;
  /** Each phase: the 1-minute load average as it began (other processes show here), and its duration. */
  phases: Record<string, { load: number; seconds: number }>;
}

export interface Results {
  date: string;
  seconds: number;
  machine: Machine;
  size: SizeResult & { baseline: BaselineSize };
  clickToQr: ClickToQrResult;
  backend: BackendLoadResult & { commit: Spread };
  startup: StartupResult;
  streams: StreamsResult;
  growth: GrowthResult;
}

/** The headline targets. */
export const GOALS = { toFirstQrGzip: 22 * 1024, throughputShare: 0.3, addedLatencyMs: 1, startupRatio: 1.5, idleRssRatio: 1.2 };

/** Growth counts as flat while the large store's median is within this factor of the small one's. */
export const FLAT = 1.25;

export function report(r: Results): string {
  const { machine: m } = r;
  const phases = Object.entries(m.phases).map(([name, { load, seconds }]) => `${name} ${Math.round(seconds)} s (${load.toFixed(1)})`).join(', ');
  return [
    `pay-link benchmarks · ${r.date} · ${Math.round(r.seconds)} s`,
    `${m.cpu} × ${m.cores} cores · ${(m.memory / 2 ** 30).toFixed(1)} GB RAM · Node ${m.node} · Chromium ${m.chromium ?? '?'}`,
    `phases (load average as each began): ${phases}`,
    '',
    headline(r),
    sizeTable(r.size),
    clickTable(r.clickToQr),
    backendTable(r.backend),
    startupTable(r.startup, r.backend),
    growthTable(r.growth),
  ].join('\n');
}

/** Every target beside its baseline from the same run. */
function headline(r: Results): string {
  const { size, backend: b, startup: s, streams: st } = r;
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const requests = (n: number) => `${n} request${n === 1 ? '' : 's'}`;
  const lazyOnPath = size.toFirstQr.files.length;
  return (
    table('Targets: pay-link vs baseline, same run', ['', 'pay-link', 'baseline, same run', 'ratio', 'target', ''], [
      [
        'initial widget JS, gzip',
        `${kb(size.initial.gzip)} in ${requests(size.initial.files.length)}`,
        `bare Lit form ${kb(size.baseline.initial.gzip)}`,
        ratio(size.initial.gzip / size.baseline.initial.gzip),
        `≤ ${kb(TARGETS.initialGzip)}, 1 request`,
        met(size.initial.gzip <= TARGETS.initialGzip && size.initial.files.length === 1),
      ],
      [
        'everything to the first QR, gzip',
        `${kb(size.toFirstQr.gzip)} in ${requests(lazyOnPath)}`,
        `+ qrcode's entry ${kb(size.baseline.toFirstQr.gzip)}`,
        ratio(size.toFirstQr.gzip / size.baseline.toFirstQr.gzip),
        `≤ ${kb(GOALS.toFirstQrGzip)}`,
        met(size.toFirstQr.gzip <= GOALS.toFirstQrGzip),
      ],
      ...(
        [
          ['as the widget asks (Idempotency-Key)', b.backendKeyed, b.backendKeyedSerial, 'emulator', b.emulatorDirect, b.emulatorSerial],
          ['without a key', b.backend, b.backendSerial, 'emulator', b.emulatorDirect, b.emulatorSerial],
          ['with a key, over a KICC stand-in keeping nothing', b.backendOnStandIn, b.backendOnStandInSerial, 'stand-in', b.standInDirect, b.standInSerial],
        ] as const
      ).flatMap(([how, loaded, serial, baseline, direct, directSerial]) => {
        const share = loaded.rps / direct.rps;
        const added = serial.latency.p50 - directSerial.latency.p50;
        return [
          [
            `POST /api/links ${how}, ${b.connections} connections, req/s`,
            Math.round(loaded.rps).toLocaleString('en-US'),
            `${baseline} directly ${Math.round(direct.rps).toLocaleString('en-US')}`,
            `${Math.round(share * 100)} %`,
            `≥ ${GOALS.throughputShare * 100} %`,
            met(share >= GOALS.throughputShare),
          ],
          [
            `  latency added over the provider call, 1 connection, p50`,
            `${ms(serial.latency.p50)} (+${ms(added)})`,
            `${baseline} directly ${ms(directSerial.latency.p50)}`,
            ratio(serial.latency.p50 / directSerial.latency.p50),
            `≤ +${ms(GOALS.addedLatencyMs)}`,
            met(added <= GOALS.addedLatencyMs),
          ],
        ];
      }),
      [
        'start-up to /healthz, compiled (median)',
        ms(s.server),
        `bare Hono ${ms(s.bareHono)}`,
        ratio(s.server / s.bareHono),
        `≤ ${ratio(GOALS.startupRatio)}`,
        met(s.server / s.bareHono <= GOALS.startupRatio),
      ],
      [
        'idle RSS, compiled (median)',
        mb(s.serverIdleRss),
        `bare Hono ${mb(s.bareHonoIdleRss)}`,
        ratio(s.serverIdleRss / s.bareHonoIdleRss),
        `≤ ${ratio(GOALS.idleRssRatio)}`,
        met(s.serverIdleRss / s.bareHonoIdleRss <= GOALS.idleRssRatio),
      ],
      [
        `${st.streams.toLocaleString('en-US')} open streams: RSS`,
        mb(st.rssOpen),
        `same server, none open ${mb(st.rssBefore)}`,
        ratio(st.rssOpen / st.rssBefore),
        'report',
        `${kb((st.rssOpen - st.rssBefore) / st.streams)} a stream`,
      ],
      [`${st.streams.toLocaleString('en-US')} open streams: idle CPU`, `${st.idleCpuPercent.toFixed(1)} % of a core`, '', '', 'report', `over ${st.idleSeconds} s`],
      [
        `${st.streams.toLocaleString('en-US')} open streams: a payment reaches the last`,
        ms(st.arrival.last),
        `the first ${ms(st.arrival.first)}`,
        ratio(st.arrival.last / st.arrival.first),
        'report',
        `median ${ms(st.arrival.median)}; ${st.arrival.received.toLocaleString('en-US')} of ${st.streams.toLocaleString('en-US')} received`,
      ],
    ]) + `\n  opening the ${st.streams.toLocaleString('en-US')} streams (${OPEN_PARALLEL_NOTE}) took ${(st.openMs / 1000).toFixed(1)} s\n`
  );
}

const OPEN_PARALLEL_NOTE = '200 at a time, from one process over raw sockets';

const LAZY_LABELS = {
  rules: 'rules chunk: checks, problem texts, API client (lazy, on first focus or input)',
  qr: 'QR chunk: result view + encoder (lazy, on submit)',
  later: "result's later parts: paid details, prompts, correction (lazy, once the QR shows)",
  pos: 'POS chunk: keypad, customer view (lazy, mode="pos" only)',
  list: 'list chunk: <pay-link-list> (lazy, pages with a list only)',
  english: 'English texts (lazy, English pages only)',
  other: 'other lazy chunks',
};

function sizeTable(s: SizeResult): string {
  const verdict = (gzip: number, target: number) => (gzip <= target ? 'met' : `MISSED by ${kb(gzip - target)}`);
  const row = (label: string, w: Weight, target?: number) => [
    label,
    kb(w.gzip),
    kb(w.brotli),
    kb(w.raw),
    target ? `≤ ${kb(target)} gz` : '',
    target ? verdict(w.gzip, target) : '',
  ];
  const lines = table('Widget size (each file compressed alone: gzip -9, brotli -11; KB = 1024 B)', ['', 'gzip', 'brotli', 'raw', 'target', ''], [
    row(`initial: ${s.initial.files.join(' + ')}`, s.initial, TARGETS.initialGzip),
    ...s.lazy.map(({ name, weight }) => row(LAZY_LABELS[name], weight)),
    row('a Korean page through its first QR', s.toFirstQr),
    row('everything (every chunk)', s.everything, TARGETS.everythingGzip),
  ]);
  const largest = [
    s.largest.initial && modules('the initial bundle', s.largest.initial),
    s.largest.everything && modules('all chunks', s.largest.everything),
  ].filter(Boolean);
  return [lines, ...largest, ''].join('\n');
}

/** The largest modules and the share of each package (minified bytes, charged through the sourcemaps' mappings). */
function modules(group: string, shares: ModuleShare[]): string {
  const total = shares.reduce((sum, share) => sum + share.bytes, 0);
  const percent = (bytes: number) => `${Math.round((100 * bytes) / total)}%`;
  const packages = new Map<string, number>();
  for (const { source, bytes } of shares) {
    const name = packageOf(source);
    packages.set(name, (packages.get(name) ?? 0) + bytes);
  }
  const top = shares.slice(0, 8).map(({ source, bytes }) => `${source} ${kb(bytes)} (${percent(bytes)})`);
  const byPackage = [...packages].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => `${name} ${percent(bytes)}`);
  return [
    `  largest modules of ${group} (minified bytes from the sourcemaps, of ${kb(total)}):`,
    ...chunked(top, 3).map((line) => `    ${line}`),
    `    by origin: ${byPackage.join(' · ')}`,
  ].join('\n');
}

function packageOf(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (match) return match[1]!.startsWith('@lit') || match[1] === 'lit-html' || match[1] === 'lit-element' ? 'lit' : match[1]!;
  return source.startsWith('(') ? source : `${source.split('/')[0]}/`;
}

function clickTable(c: ClickToQrResult): string {
  const pair = (s: Spread) => `${ms(s.p50)} / ${ms(s.p95)}`;
  const rows = c.rates.flatMap((run) => {
    const base = run.emulatorFetch;
    const cpu = `CPU ${run.cpuThrottling}×`;
    return [
      [`${cpu}: first link on a fresh page`, pair(run.firstQr), ms(run.firstAfterAnswer.p50), pair(base), ratio(run.firstQr.p50 / base.p50)],
      [`${cpu}: next link ("new request")`, pair(run.nextQr), ms(run.nextAfterAnswer.p50), pair(base), ratio(run.nextQr.p50 / base.p50)],
      [`${cpu}: our API alone, fetch POST /api/links`, pair(run.apiFetch), '', pair(base), ratio(run.apiFetch.p50 / base.p50)],
    ];
  });
  return (
    table(
      `Click to QR painted (headless Chromium, demo POS page, ${c.runs} runs each; click event → frame after the QR svg appears)`,
      ['', 'p50 / p95', 'after the API answer, p50', 'baseline: emulator fetch from the page, p50 / p95', 'ratio p50'],
      rows,
    ) + '\n'
  );
}

function backendTable(b: BackendLoadResult & { commit: Spread }): string {
  const rps = (value: number) => Math.round(value).toLocaleString('en-US');
  const row = (label: string, x: BackendLoadResult['backend'], base?: BackendLoadResult['backend']) => [
    label,
    rps(x.rps),
    ms(x.latency.p50),
    ms(x.latency.p99),
    base ? `${ratio(base.rps / x.rps)} fewer req/s, p50 ${ratio(x.latency.p50 / base.latency.p50)}` : '',
  ];
  const added = (backend: Spread, emulator: Spread) => `${ms(backend.p50 - emulator.p50)} p50, ${ms(backend.p99 - emulator.p99)} p99`;
  return [
    table(
      `Backend: POST /api/links (autocannon over loopback, ${b.connections} connections, ${b.seconds} s each in 4 alternating rounds; load generator, server and emulator share the 2 cores)`,
      ['', 'req/s', 'p50', 'p99', 'vs bare Hono'],
      [
        row('baseline: bare Hono JSON route', b.bareHono),
        row('pay-link, emulator in another process', b.backend, b.bareHono),
        row('pay-link, as the widget asks (Idempotency-Key)', b.backendKeyed, b.bareHono),
        row('baseline: emulator registration called directly', b.emulatorDirect),
        row('pay-link with a key, over the KICC stand-in', b.backendOnStandIn, b.bareHono),
        row('baseline: the stand-in called directly', b.standInDirect),
        row('pay-link, 1 connection', b.backendSerial),
        row('pay-link with a key, 1 connection', b.backendKeyedSerial),
        row('emulator directly, 1 connection', b.emulatorSerial),
        row('pay-link with a key over the stand-in, 1 connection', b.backendOnStandInSerial),
        row('the stand-in directly, 1 connection', b.standInSerial),
      ],
    ),
    `  added by our backend over the emulator: ${added(b.backend.latency, b.emulatorDirect.latency)} at ${b.connections} connections; ` +
      `${added(b.backendSerial.latency, b.emulatorSerial.latency)} at 1 (with a key: ${added(b.backendKeyedSerial.latency, b.emulatorSerial.latency)})`,
    `  disk: one SQLite commit (WAL, synchronous=FULL; a link needs two, and concurrent links share them): ${ms(b.commit.p50)} p50, ${ms(b.commit.p99)} p99`,
    '',
  ].join('\n');
}

function startupTable(s: StartupResult, b: BackendLoadResult): string {
  const { memory: mem } = b;
  const last = mem.after.at(-1)!;
  return (
    table(`Start-up and memory (median of ${s.runs}; spawn → first 200 on /healthz, then RSS after ${IDLE_MS / 1000} s idle; both compiled, plain node)`, ['', 'pay-link', 'baseline: bare Hono', 'ratio'], [
      ['start-up', ms(s.server), ms(s.bareHono), ratio(s.server / s.bareHono)],
      ['RSS idle', mb(s.serverIdleRss), mb(s.bareHonoIdleRss), ratio(s.serverIdleRss / s.bareHonoIdleRss)],
      ['RSS idle, the load test\'s server before its load', mb(mem.backendIdleRss), mb(mem.bareHonoIdleRss), ratio(mem.backendIdleRss / mem.bareHonoIdleRss)],
      ...mem.after.map(({ links, rss }) => [`RSS after ${links.toLocaleString('en-US')} links made through the API`, mb(rss), '', '']),
    ]) + `\n  the load test's server from idle to ${last.links.toLocaleString('en-US')} links: ${ratio(last.rss / mem.backendIdleRss)} (RSS holds garbage not yet collected: a high-water mark, not retained memory)\n`
  );
}

function growthTable(g: GrowthResult): string {
  const { small, large } = g;
  const p50 = large.load.latency.p50 / small.load.latency.p50;
  const row = (x: GrowthResult['small']) => [`${x.links.toLocaleString('en-US')} links stored`, ms(x.load.latency.p50), ms(x.load.latency.p99), Math.round(x.load.rps).toString()];
  return (
    table(`Growth: POST /api/links with links already stored (${g.connections} connections, ${g.seconds} s each in 4 alternating rounds)`, ['', 'p50', 'p99', 'req/s'], [
      row(small),
      row(large),
      [
        'ratio',
        ratio(p50),
        ratio(large.load.latency.p99 / small.load.latency.p99),
        ratio(large.load.rps / small.load.rps),
      ],
    ]) + `\n  flat (p50 within ${ratio(FLAT)}): ${p50 <= FLAT ? 'yes' : 'NO'}\n`
  );
}

function table(title: string, header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ')}`.trimEnd();
  return [title, line(header), ...rows.map(line)].join('\n');
}

function chunked<T>(items: T[], size: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += size) lines.push(items.slice(i, i + size).join(' · '));
  return lines;
}
