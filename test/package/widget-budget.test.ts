/**
 * The widget's size budget: the form renders from widget.js alone,
 * in one request, at most 12 KB gzip (-9, the file alone). Runs on what
 * `npm run build` wrote, which `npm test` does first.
 */

import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ENTRY = 'dist/widget/widget.js';
const BUDGET_GZIP = 12 * 1024;

describe('widget.js', () => {
  const code = () => {
    if (!existsSync(ENTRY)) throw new Error('Run `npm run build` first (npm test does).');
    return readFileSync(ENTRY);
  };

  it('imports nothing statically: the form needs no second request', () => {
    const text = code().toString('utf8');
    // Static `import … from "./x.js"`, `export … from`, or a bare `import "./x.js"`; `import("./x.js")` is lazy and allowed.
    expect(text.match(/(?:\bfrom\s*|\bimport\s*)["'`][^"'`]+["'`]/g) ?? []).toEqual([]);
  });

  it(`is at most ${BUDGET_GZIP / 1024} KB gzip`, () => {
    expect(gzipSync(code(), { level: 9 }).length).toBeLessThanOrEqual(BUDGET_GZIP);
  });
});
