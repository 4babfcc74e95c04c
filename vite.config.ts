import { resolve } from 'node:path';
import { literalsHtmlCssMinifier } from '@literals/rollup-plugin-html-css-minifier';
import type { UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * One config for the widget bundle (`vite build`), the demo pages
 * (`vite build --mode demo`) and the server tests (`vitest`).
 */

/**
 * The widget's chunks. Everything the form needs to show is in widget.js
 * itself, one request: left to itself the bundler would make a chunk of each
 * module a lazy chunk shares with it (Lit, the texts), each fetched after
 * widget.js. Lazy chunks import what they share from widget.js; a page that
 * gives widget.js a query string then loads a second copy of it with the
 * first lazy chunk. That copy registers nothing (define.ts), and the chunks
 * use none of widget.js's module state: what the element keeps (its chunk
 * loaders, the link it remembers) it keeps in its own copy and hands them.
 * The result view and the QR encoder stay one lazy chunk, which the list's
 * "show QR" fetches too; what the result shows only after a later event
 * (result-later.ts) is a chunk of its own, fetched once the QR is on screen.
 */
const chunks = {
  groups: [
    { name: 'widget', tags: ['$initial' as const], priority: 3 },
    // The rules and the API client (rules.ts): fetched on the form's first focus, and used by the result view too.
    { name: 'rules', test: /\/widget\/(rules|api|sending)\.ts$|\/core\/(validate|bytes|particles|messages\/(ko|describe))\.ts$/, priority: 2 },
    { name: 'link-view', test: /\/widget\/(link-view|qr-view|qr)\.ts$|\/node_modules\/(qrcode|dijkstrajs)\//, priority: 1 },
  ],
};

/**
 * The widget: an ES module that registers `<pay-link-request>` and `<pay-link-list>`; the result view and the
 * QR encoder are a chunk loaded on the first link shown, the list one loaded when a list is on the page, and
 * POS mode's keypad and customer view one loaded only with `mode="pos"`.
 */
const widget: UserConfig['build'] = {
  outDir: 'dist/widget',
  emptyOutDir: true,
  target: 'es2021',
  sourcemap: true,
  lib: {
    entry: 'widget/define.ts',
    formats: ['es'],
    fileName: () => 'widget.js',
  },
  rollupOptions: {
    preserveEntrySignatures: 'allow-extension',
    output: {
      chunkFileNames: 'widget-[name]-[hash].js',
      // Library mode leaves code unminified unless asked; every byte here reaches a customer's page.
      minify: true,
      // Annotations for a bundler that will never read this file again: 16 bytes each.
      comments: { annotation: false },
      codeSplitting: chunks,
    },
  },
};

/** The demo: plain pages that load the widget from the backend with one script tag, as a merchant's would. */
const demo: UserConfig['build'] = {
  outDir: resolve('dist/demo'),
  emptyOutDir: true,
  modulePreload: { polyfill: false },
  rollupOptions: {
    input: Object.fromEntries(['index', 'demo', 'shop', 'pos', 'phone'].map((page) => [page, resolve('demo', `${page}.html`)])),
    // Served by the backend, not bundled into the pages.
    external: ['./widget.js'],
  },
};

export default defineConfig(({ mode }) => ({
  root: mode === 'demo' ? 'demo' : undefined,
  // The demo's pages and assets are addressed relative to the page, so they work under a proxy's path prefix.
  base: mode === 'demo' ? './' : undefined,
  // Lit's html`` and css`` templates keep their indentation unless minified as markup.
  plugins: mode === 'demo' ? [] : [{ ...literalsHtmlCssMinifier(), enforce: 'pre' as const, apply: 'build' as const }],
  build: mode === 'demo' ? demo : widget,
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          // Every wire timestamp must be Korea time whatever the machine's zone:
          // the server tests run in one that is far from it.
          env: { TZ: 'America/Los_Angeles' },
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          env: { TZ: 'America/Los_Angeles' },
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          // npm pack, tsc and vite in a scratch project: seconds each.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
}));
