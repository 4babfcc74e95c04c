/**
 * The size rows' same-run baseline: bench/baseline/ (a bare Lit form whose
 * submit lazily loads qrcode's package entry) built with the widget's build
 * settings, weighed as the widget is: its entry alone, and everything a page
 * has loaded once its first QR shows.
 */

import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { literalsHtmlCssMinifier } from '@literals/rollup-plugin-html-css-minifier';
import { build } from 'vite';

export interface BaselineSize {
  /** gzip -9 of each file alone, summed; requests = files. */
  initial: { gzip: number; requests: number };
  toFirstQr: { gzip: number; requests: number };
}

export async function measureBaselineSize(dir: string): Promise<BaselineSize> {
  const outDir = join(dir, 'baseline-widget');
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [{ ...literalsHtmlCssMinifier(), enforce: 'pre' }],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2021',
      lib: { entry: resolve('bench/baseline/bare-lit-form.ts'), formats: ['es'], fileName: () => 'entry.js' },
      rollupOptions: { output: { chunkFileNames: '[name]-[hash].js', minify: true } },
    },
  });
  const files = readdirSync(outDir).filter((file) => file.endsWith('.js'));
  const gzip = (list: string[]) => list.reduce((sum, file) => sum + gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length, 0);
  const staticOf = (file: string) => [...readFileSync(join(outDir, file), 'utf8').matchAll(/\bfrom\s*["']\.\/([^"']+)["']/g)].map((m) => m[1]!);
  const closure = (entry: string, into = new Set<string>()): Set<string> => {
    if (!into.has(entry)) {
      into.add(entry);
      staticOf(entry).forEach((next) => closure(next, into));
    }
    return into;
  };
  const initial = [...closure('entry.js')];
  return { initial: { gzip: gzip(initial), requests: initial.length }, toFirstQr: { gzip: gzip(files), requests: files.length } };
}
