/**
 * The widget's weight as a page pays it: the initial bundle (widget.js, and
 * every chunk it statically imports: none, since the form is in widget.js),
 * and each lazy chunk — the form's rules, fetched on its first focus; the
 * result view with the QR encoder, fetched on the first submit; what the
 * result shows only after a later event, fetched once the QR is on screen;
 * POS mode; the list; the English texts, fetched only on English pages. gzip -9 and brotli
 * -11, each file alone, as a server or CDN sends them precompressed.
 */

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bytesPerSource } from './sourcemap.js';

export const TARGETS = { initialGzip: 12 * 1024, everythingGzip: 25 * 1024 };

export interface Weight {
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

export interface ModuleShare {
  source: string;
  bytes: number;
}

const LAZY_ORDER = ['rules', 'qr', 'later', 'pos', 'list', 'english', 'other'] as const;
type LazyName = (typeof LAZY_ORDER)[number];

export interface SizeResult {
  initial: Weight;
  /**
   * Each chunk loaded with `import()`, with what it imports beyond the initial bundle and the groups before it
   * (the rules load before the first QR; the QR chunk, which the list imports, before the list).
   */
  lazy: { name: LazyName; weight: Weight }[];
  /** What a Korean page has loaded once its first QR shows: widget.js, the rules, the result view (not the result's later parts, the list, POS or English). */
  toFirstQr: Weight;
  everything: Weight;
  /** Source modules of a group that misses its target, largest first (minified bytes, from the sourcemaps). */
  largest: { initial?: ModuleShare[]; everything?: ModuleShare[] };
}

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g;

const importsOf = (code: string, pattern: RegExp) => [...code.matchAll(pattern)].map((match) => match[1]!.slice(2));

export function measureSize(dir = 'dist/widget', root = process.cwd()): SizeResult {
  const code = (file: string) => readFileSync(join(dir, file), 'utf8');
  const staticClosure = (entry: string, into = new Set<string>()) => {
    if (into.has(entry)) return into;
    into.add(entry);
    for (const next of importsOf(code(entry), STATIC_IMPORT)) staticClosure(next, into);
    return into;
  };
  const initial = staticClosure('widget.js');
  const lazyEntries = [...initial].flatMap((file) => importsOf(code(file), DYNAMIC_IMPORT));
  /** A lazy entry with what it adds to the initial bundle. */
  const extra = (entry: string) => [...staticClosure(entry)].filter((file) => !initial.has(file));
  const sourcesOf = (files: string[]) => files.flatMap((file) => [...bytesPerSource(join(dir, file), root).keys()]);
  /**
   * A lazy chunk named by what it holds itself (not by what it imports: the list imports the QR chunk): the
   * rules chunk holds widget/rules.ts; the QR chunk, widget/qr.ts; the result's later parts,
   * widget/result-later.ts; POS mode's, widget/pos/; the list's, widget/list/; an English one, messages/en.ts.
   */
  const nameOf = (entry: string): LazyName => {
    const sources = sourcesOf([entry]);
    const holds = (test: (source: string) => boolean) => sources.some(test);
    if (holds((source) => source.endsWith('widget/rules.ts'))) return 'rules';
    if (holds((source) => source.endsWith('widget/qr.ts'))) return 'qr';
    if (holds((source) => source.endsWith('widget/result-later.ts'))) return 'later';
    if (holds((source) => source.includes('widget/pos/'))) return 'pos';
    if (holds((source) => source.endsWith('messages/en.ts'))) return 'english';
    return holds((source) => source.includes('widget/list/')) ? 'list' : 'other';
  };
  const lazy = new Map<LazyName, string[]>();
  const lazyEntriesOf = (files: Iterable<string>) => [...files].flatMap((file) => importsOf(code(file), DYNAMIC_IMPORT));
  const queue = unique(lazyEntries);
  // Lazy chunks import others lazily too (the rules, the result view): every one is weighed, under its own name.
  for (let i = 0; i < queue.length; i++) {
    const files = extra(queue[i]!);
    for (const next of lazyEntriesOf(files)) if (!queue.includes(next)) queue.push(next);
    if (!files.length) continue;
    const name = nameOf(queue[i]!);
    lazy.set(name, unique([...(lazy.get(name) ?? []), ...files]));
  }
  const counted = new Set<string>();
  for (const name of LAZY_ORDER) {
    const files = lazy.get(name)?.filter((file) => !counted.has(file));
    if (files?.length) lazy.set(name, files);
    else lazy.delete(name);
    files?.forEach((file) => counted.add(file));
  }
  const allFiles = readdirSync(dir).filter((file) => file.endsWith('.js'));

  const weigh = (files: string[]): Weight => {
    const sizes = files.map((file) => {
      const bytes = readFileSync(join(dir, file));
      return {
        raw: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    });
    const sum = (key: 'raw' | 'gzip' | 'brotli') => sizes.reduce((total, size) => total + size[key], 0);
    return { files: [...files].sort(), raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
  };
  const largest = (files: string[]) => largestModules(files.map((file) => join(dir, file)), root);

  const result: SizeResult = {
    initial: weigh([...initial]),
    lazy: LAZY_ORDER.flatMap((name) => (lazy.has(name) ? [{ name, weight: weigh(lazy.get(name)!) }] : [])),
    toFirstQr: weigh([...initial, ...(lazy.get('rules') ?? []), ...(lazy.get('qr') ?? [])]),
    everything: weigh(allFiles),
    largest: {},
  };
  if (result.initial.gzip > TARGETS.initialGzip) result.largest.initial = largest([...initial]);
  if (result.everything.gzip > TARGETS.everythingGzip) result.largest.everything = largest(allFiles);
  return result;
}

/** Minified bytes per source module over `files`, largest first. */
function largestModules(files: string[], root: string): ModuleShare[] {
  const totals = new Map<string, number>();
  for (const file of files) {
    for (const [source, bytes] of bytesPerSource(file, root)) totals.set(source, (totals.get(source) ?? 0) + bytes);
  }
  return [...totals]
    .map(([source, bytes]) => ({ source, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
}

const unique = <T>(items: T[]) => [...new Set(items)];
