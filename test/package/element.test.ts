/**
 * @pay-link/element, packed and installed by npm into an empty project
 * (install.ts): what a merchant gets is the tarball's files, its exports, its
 * declarations and generated React and Vue types, and the dependencies npm
 * installs for it — lit and the QR encoder, nothing of the server.
 */

import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { serveApp, type Served } from '../support/serve.js';
import { describeInstall, importedPackages, installPacked, REPO, type Scratch } from './install.js';

/** The merchant's own tools and frameworks, linked in from this repo once the install is checked. */
const TOOLS = ['vite', '@vitejs/plugin-react', '@vitejs/plugin-vue', 'react', 'react-dom', '@types/react', '@types/react-dom', 'vue', '@types/node'];

let scratch: Scratch;

beforeAll(() => {
  scratch = installPacked('element', 'element-project');
  console.log(describeInstall(scratch));
});
afterAll(() => scratch?.remove());

describe('the tarball', () => {
  it('holds the compiled modules and declarations, the React and Vue types, the script-tag bundle, the manifest and the licence; no sources', () => {
    const files = scratch.packed.files.map((file) => file.path);
    for (const path of ['dist/lib/widget/define.js', 'dist/lib/widget/define.d.ts', 'dist/lib/widget/pay-link-request.d.ts', 'dist/lib/core/bytes.js', 'dist/types/react.d.ts', 'dist/types/vue.d.ts', 'dist/widget/widget.js', 'dist/custom-elements.json']) {
      expect(files).toContain(path);
    }
    expect(files.filter((path) => !/^dist\/(lib|types|widget)\//.test(path)).sort()).toEqual(['LICENSE', 'README.md', 'dist/custom-elements.json', 'package.json']);
    expect(files.filter((path) => /\.ts$/.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((path) => path.includes('/server/'))).toEqual([]);
    expect(readFileSync(join(scratch.root, 'LICENSE'), 'utf8')).toBe(readFileSync(join(REPO, 'LICENSE'), 'utf8'));
  });

  it('is a public package with a licence, repository, keywords and homepage', () => {
    const manifest = JSON.parse(readFileSync(join(scratch.root, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@pay-link/element', license: 'MIT', repository: { url: expect.any(String) }, homepage: expect.any(String), keywords: expect.any(Array) });
    expect(manifest.private).toBeUndefined();
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['lit', 'qrcode']);
  });

  it('imports at run time only lit and the QR encoder, which it declares', () => {
    expect([...importedPackages(scratch)].sort()).toEqual(['lit', 'qrcode']);
  });
});

describe('npm install @pay-link/element into an empty project', () => {
  it('pulls lit and the QR encoder, no native module and nothing of the server', () => {
    const { packages } = scratch.install;
    expect(packages).toEqual(expect.arrayContaining(['@pay-link/element', 'lit', 'qrcode']));
    for (const name of ['better-sqlite3', 'pg', 'hono', '@hono/node-server', 'pino', 'zod', '@pay-link/server']) expect(packages, name).not.toContain(name);
    // A native module brings a binding.gyp (built on install) or a compiled .node file.
    const native = packages.filter((name) => existsSync(join(scratch.dir, 'node_modules', name, 'binding.gyp')) || hasNodeFile(join(scratch.dir, 'node_modules', name)));
    expect(native).toEqual([]);
  });
});

describe("a merchant's TypeScript and frameworks", () => {
  beforeAll(() => {
    scratch.linkTools(TOOLS);
    // The repository's examples, as a merchant would copy them, with a file of misuses each.
    for (const framework of ['react', 'vue']) cpSync(join(REPO, 'examples', framework), join(scratch.dir, framework), { recursive: true });
  });

  it('compiles against @pay-link/element and its class-only entry under NodeNext, checking the declarations themselves', () => {
    // skipLibCheck is off: a declaration importing a package the element does not declare fails here.
    expect(() => scratch.run('typescript/bin/tsc', ['-p', '.'])).not.toThrow();
  });

  it('type-checks the React example with @pay-link/element/react, which refuses a string amount, an unknown mode and a wrong event detail', () => {
    expect(existsSync(join(scratch.dir, 'react/Misuse.tsx'))).toBe(true);
    expect(readdirSync(join(scratch.dir, 'react')).filter((name) => name.endsWith('.d.ts'))).toEqual([]);
    expect(() => scratch.run('typescript/bin/tsc', ['-p', 'react'])).not.toThrow();
  });

  it('type-checks the Vue example with @pay-link/element/vue (vue-tsc), which refuses the same', () => {
    expect(existsSync(join(scratch.dir, 'vue/Misuse.vue'))).toBe(true);
    expect(() => scratch.run('vue-tsc/bin/vue-tsc.js', ['-p', 'vue'])).not.toThrow();
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

  it("registers <pay-link-request> from '@pay-link/element', prefilled from its attributes, sharing the page's one copy of Lit", async () => {
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
    const { customElements: path } = JSON.parse(readFileSync(join(scratch.root, 'package.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(scratch.root, path), 'utf8'));
    const exports = manifest.modules.flatMap((module: { path: string; exports: object[] }) => module.exports.map((entry) => ({ ...entry, in: module.path })));
    expect(exports).toContainEqual(expect.objectContaining({ kind: 'custom-element-definition', name: 'pay-link-request', in: 'dist/lib/widget/define.js' }));
    for (const module of manifest.modules) expect(existsSync(join(scratch.root, module.path)), module.path).toBe(true);
  });
});

/** Whether a package folder holds a compiled Node addon, outside its own nested node_modules. */
function hasNodeFile(dir: string): boolean {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).some(
    (entry) => entry.isFile() && entry.name.endsWith('.node') && !entry.parentPath.slice(dir.length).includes('node_modules'),
  );
}
