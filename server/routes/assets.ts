/**
 * The built files: the widget bundle at `/widget.js` (with its lazy chunks
 * beside it), so one script tag is all a merchant needs, and the demo pages.
 * `npm start` builds them first and the server lists them as it starts
 * (built-files.ts); without a build these routes say so.
 */

import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.js';
import { builtFiles, type BuiltFile } from './built-files.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * Answers with `file` in the best encoding the client takes: every kilobyte
 * of the widget is on a customer's page load, and brotli makes it ~40% smaller.
 */
function send(c: Context, file: BuiltFile, headers: Record<string, string>) {
  const accepted = c.req.header('accept-encoding') ?? '';
  headers.vary = 'accept-encoding';
  if (/\bbr\b/.test(accepted)) {
    file.br ??= brotliCompressSync(file.identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    return c.body(file.br as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-encoding': 'br' });
  }
  if (/\bgzip\b/.test(accepted)) {
    file.gzip ??= gzipSync(file.identity, { level: 9 });
    return c.body(file.gzip as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-encoding': 'gzip' });
  }
  return c.body(file.identity as Uint8Array<ArrayBuffer>, 200, headers);
}

export interface AssetOptions {
  /** Where `vite build` wrote the widget and the demo. */
  distDir: string;
  /** Serve the demo pages at `/`, `/demo`, `/shop`, `/pos` and `/phone`. */
  demo: boolean;
}

const DEMO_PAGES: Record<string, string> = { '/': 'index.html', '/demo': 'demo.html', '/shop': 'shop.html', '/pos': 'pos.html', '/phone': 'phone.html' };

export function assetRoutes({ distDir, demo }: AssetOptions) {
  const widget = builtFiles(join(distDir, 'widget'));
  const demoFiles = builtFiles(join(distDir, 'demo'));
  const app = new Hono<AppEnv>();

  app.get('/:file{widget[\\w.-]*\\.js(\\.map)?}', (c) => {
    const name = c.req.param('file');
    const body = widget.get(name);
    if (!body) return c.text('The widget is not built: run `npm run build`.', 404);
    // The entry's name is stable, so it is revalidated; chunks carry a hash and never change.
    const immutable = name !== 'widget.js' && name !== 'widget.js.map';
    return send(c, body, {
      'content-type': TYPES[extname(name)]!,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
    });
  });

  if (demo) {
    for (const [route, file] of Object.entries(DEMO_PAGES)) {
      app.get(route, (c) => {
        const body = demoFiles.get(file);
        return body ? send(c, body, { 'content-type': TYPES['.html']! }) : c.text('The demo is not built: run `npm run build`.', 404);
      });
    }
    app.get('/assets/:file{[\\w.-]+}', (c) => {
      const name = c.req.param('file');
      const body = demoFiles.get(`assets/${name}`);
      if (!body) return c.notFound();
      return send(c, body, {
        'content-type': TYPES[extname(name)] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
      });
    });
  }
  return app;
}
