/**
 * Which source modules the bytes of a minified chunk came from: each mapped
 * segment of the generated code (up to the next segment) is charged to its
 * source, as source-map-explorer does. A line that starts unmapped continues
 * the previous line's segment (the rest of a multi-line template literal,
 * such as the widget's CSS). Bytes are UTF-8.
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

interface RawSourceMap {
  sources: string[];
  sourceRoot?: string;
  mappings: string;
}

const UNMAPPED = '(unmapped)';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/** The numbers of one base64 VLQ segment. */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char)!;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Minified bytes per source of `jsFile` (its `.map` beside it), sources as paths relative to `root`. */
export function bytesPerSource(jsFile: string, root: string): Map<string, number> {
  const text = readFileSync(jsFile, 'utf8');
  // A chunk of no code of its own (widget.js, re-exporting its one chunk) has no map.
  if (!existsSync(`${jsFile}.map`)) return new Map([[UNMAPPED, Buffer.byteLength(text)]]);
  const code = text.split('\n');
  const map = JSON.parse(readFileSync(`${jsFile}.map`, 'utf8')) as RawSourceMap;
  const base = resolve(dirname(jsFile), map.sourceRoot ?? '');
  const names = map.sources.map((source) => relative(root, resolve(base, source)));
  const totals = new Map<string, number>();
  const charge = (name: string, text: string) => totals.set(name, (totals.get(name) ?? 0) + Buffer.byteLength(text));

  const lines = map.mappings.split(';');
  let source = 0;
  /** Whose the current run of bytes is. */
  let owner = UNMAPPED;
  code.forEach((text, index) => {
    const line = lines[index] ?? '';
    let column = 0;
    let start = 0;
    for (const segment of line.split(',').filter(Boolean)) {
      const [columnDelta, sourceDelta] = decodeSegment(segment);
      column += columnDelta!;
      charge(owner, text.slice(start, column));
      start = column;
      if (sourceDelta === undefined) owner = UNMAPPED;
      else owner = names[(source += sourceDelta)]!;
    }
    charge(owner, text.slice(start) + (index < code.length - 1 ? '\n' : ''));
  });
  return totals;
}
