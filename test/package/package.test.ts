/**
 * The npm package, packed and installed into a scratch project (install.ts):
 * what a merchant gets is the tarball's files, its exports map, its
 * declarations and its declared dependencies — nothing of this repo's sources.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { serveApp, type Served } from '../support/serve.js';
import { installPacked, REPO, type Scratch } from './install.js';

let scratch: Scratch;

beforeAll(() => {
  if (!existsSync(join(REPO, 'dist/lib/server/index.js')) || !existsSync(join(REPO, 'dist/custom-elements.json'))) {
    throw new Error('The package test packs the built package: run `npm run build` first (npm test does).');
  }
  scratch = installPacked();
});
afterAll(() => scratch?.remove());

describe('the tarball', () => {
  it('holds the compiled modules, their declarations, the script-tag bundle and the manifest, and no sources or demo', () => {
    const files = scratch.packed.files.map((file) => file.path);
    for (const path of ['dist/lib/server/index.js', 'dist/lib/server/index.d.ts', 'dist/lib/widget/define.js', 'dist/lib/widget/define.d.ts', 'dist/lib/widget/pay-link-request.d.ts', 'dist/widget/widget.js', 'dist/custom-elements.json']) {
      expect(files).toContain(path);
    }
    expect(files.filter((path) => !path.startsWith('dist/lib/') && !path.startsWith('dist/widget/')).sort()).toEqual(['README.md', 'dist/custom-elements.json', 'package.json']);
    expect(files.filter((path) => /\.ts$/.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
  });

  it('imports nothing at run time that it does not declare as a dependency (no tsx, no dev dependency)', () => {
    const installed = JSON.parse(readFileSync(join(scratch.dir, 'node_modules/pay-link/package.json'), 'utf8'));
    const imported = new Set<string>();
    for (const file of scratch.packed.files.filter((file) => file.path.startsWith('dist/lib/') && file.path.endsWith('.js'))) {
      const source = readFileSync(join(scratch.dir, 'node_modules/pay-link', file.path), 'utf8');
      // Static imports and re-exports start a line in tsc's output; doc comments that show imports do not.
      for (const [, ...specifiers] of source.matchAll(/^(?:import|export)\b[^'\n]* from '([^'.][^']*)'|^import '([^'.][^']*)'|\bimport\('([^'.][^']*)'\)/gm)) {
        imported.add(packageOf(specifiers.find(Boolean)!));
      }
    }
    const undeclared = [...imported].filter((name) => !name.startsWith('node:') && !(name in installed.dependencies));
    expect(undeclared).toEqual([]);
    // The scan sees what it should: the lazily imported QR encoder, the native SQLite binding.
    expect([...imported]).toEqual(expect.arrayContaining(['qrcode', 'better-sqlite3', 'lit']));
  });
});

describe("a merchant's Node server", () => {
  let server: ChildProcess;
  let origin: string;

  beforeAll(async () => {
    server = spawn(process.execPath, ['server.mjs'], { cwd: scratch.dir, env: { ...process.env, DATABASE_PATH: join(scratch.dir, 'shop.sqlite') }, stdio: ['ignore', 'pipe', 'inherit'] });
    const started = once(createInterface({ input: server.stdout! }), 'line') as Promise<[string]>;
    const exited = once(server, 'exit').then(() => Promise.reject(new Error('server.mjs stopped before printing its address')));
    exited.catch(() => undefined); // it also stops when afterAll stops it
    [origin] = await Promise.race([started, exited]);
  });
  afterAll(async () => {
    if (server?.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });

  it("mounts createPayLink from 'pay-link/server' under /pay-link and makes a link with the built-in emulator", async () => {
    const response = await fetch(`${origin}/pay-link/api/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 15000, goodsName: '아메리카노 2잔' }),
    });
    expect(response.status).toBe(201);
    const link = await response.json();
    expect(link).toMatchObject({ status: 'active', amount: 15000, provider: 'kicc' });
    expect(link.shortUrl).toMatch(new RegExp(`^${origin}/pay-link/p/`));
    // The emulator registered it: its checkout page for the link answers.
    expect((await fetch(link.url)).status).toBe(200);
    expect(await (await fetch(`${origin}/`)).text()).toBe('the shop');
  });

  it('serves the script-tag widget from the package at /pay-link/widget.js', async () => {
    const response = await fetch(`${origin}/pay-link/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
  });
});

describe("a merchant's TypeScript", () => {
  it('compiles against pay-link/server and pay-link/widget/element under NodeNext, checking the declarations themselves', () => {
    // skipLibCheck is off: a declaration importing a package the package does not declare fails here.
    expect(() => scratch.run('typescript/bin/tsc', ['-p', '.'])).not.toThrow();
  });

  it("compiles under a bundler's resolution, as in a Vite app", () => {
    expect(() => scratch.run('typescript/bin/tsc', ['-p', '.', '--module', 'preserve', '--moduleResolution', 'bundler', '--skipLibCheck'])).not.toThrow();
  });
});

describe("a merchant's page bundled by Vite", () => {
  let browser: Browser;
  let site: Served;

  beforeAll(async () => {
    scratch.run('vite/bin/vite.js', ['build', 'page', '--outDir', 'dist', '--logLevel', 'warn']);
    site = await serveApp(new Hono().use('*', serveStatic({ root: join(scratch.dir, 'page/dist') })));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("registers <pay-link-request> from 'pay-link/widget', prefilled from its attributes, sharing the page's one copy of Lit", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/index.html`);
    await expect.poll(() => page.locator('#amount').inputValue()).toBe('15,000');
    expect(await page.locator('#goods-name').inputValue()).toBe('아메리카노 2잔');
    expect(await page.locator('shop-header h1').textContent()).toBe('Shop');
    // The reason the package ships unbundled modules: the script-tag bundle would bring a second Lit.
    expect(await page.evaluate(() => (globalThis as { litElementVersions?: string[] }).litElementVersions?.length)).toBe(1);
    await page.close();
  });
});

describe('custom-elements.json', () => {
  it("is where the package's customElements field says, naming the tag and the module that defines it", () => {
    const root = join(scratch.dir, 'node_modules/pay-link');
    const { customElements: path } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(root, path), 'utf8'));
    const exports = manifest.modules.flatMap((module: { path: string; exports: object[] }) => module.exports.map((entry) => ({ ...entry, in: module.path })));
    expect(exports).toContainEqual(expect.objectContaining({ kind: 'custom-element-definition', name: 'pay-link-request', in: 'dist/lib/widget/define.js' }));
    for (const module of manifest.modules) expect(existsSync(join(root, module.path)), module.path).toBe(true);
  });
});

/** `lit/decorators.js` → `lit`, `@hono/node-server/conninfo` → `@hono/node-server`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
