/**
 * @pay-link/server, packed and installed by npm into an empty project
 * (install.ts): its `pay-link-server` command run with no configuration, as
 * `npx @pay-link/server` runs it; a merchant's own Node server mounting it;
 * and a merchant's TypeScript against its declarations.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInstall, importedPackages, installPacked, merchantEnv, REPO, type Scratch } from './install.js';

let scratch: Scratch;

beforeAll(() => {
  scratch = installPacked('server', 'server-project');
  console.log(describeInstall(scratch));
});
afterAll(() => scratch?.remove());

describe('the tarball', () => {
  it('holds the compiled modules and declarations, the command, the widget bundle and demo it serves, and the licence; no sources', () => {
    const files = scratch.packed.files.map((file) => file.path);
    for (const path of ['dist/lib/server/index.js', 'dist/lib/server/index.d.ts', 'dist/lib/server/bin.js', 'dist/lib/server/emulators/index.js', 'dist/lib/core/bytes.js', 'dist/widget/widget.js', 'dist/demo/pos.html']) {
      expect(files).toContain(path);
    }
    expect(files.filter((path) => !/^dist\/(lib|widget|demo)\//.test(path)).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
    expect(files.filter((path) => /\.ts$/.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((path) => path.startsWith('dist/lib/widget/'))).toEqual([]);
    expect(readFileSync(join(scratch.root, 'LICENSE'), 'utf8')).toBe(readFileSync(join(REPO, 'LICENSE'), 'utf8'));
  });

  it('is a public package with a licence, repository, keywords, homepage, and the pay-link-server command', () => {
    const manifest = JSON.parse(readFileSync(join(scratch.root, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@pay-link/server', license: 'MIT', repository: { url: expect.any(String) }, homepage: expect.any(String), keywords: expect.any(Array) });
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ 'pay-link-server': 'dist/lib/server/bin.js' });
    expect(manifest.peerDependenciesMeta).toEqual({ pg: { optional: true } });
  });

  it('imports at run time only what it declares: its dependencies, and pg as an optional peer', () => {
    const manifest = JSON.parse(readFileSync(join(scratch.root, 'package.json'), 'utf8'));
    const imported = importedPackages(scratch);
    expect([...imported].filter((name) => !(name in manifest.dependencies) && !(name in manifest.peerDependencies))).toEqual([]);
    // The scan sees what it should: the native SQLite binding, and PostgreSQL's client, loaded only when asked for.
    expect([...imported]).toEqual(expect.arrayContaining(['better-sqlite3', 'hono', 'pg']));
  });
});

describe('npm install @pay-link/server into an empty project', () => {
  it('pulls the server and the default store; not pg, an optional peer, nor the element', () => {
    const { packages } = scratch.install;
    expect(packages).toEqual(expect.arrayContaining(['@pay-link/server', 'better-sqlite3', 'hono', 'pino', 'zod']));
    for (const name of ['pg', 'lit', 'qrcode', '@pay-link/element']) expect(packages, name).not.toContain(name);
  });
});

/** Starts the installed command as `npx` would, with `env`; resolves with its address once it logs it. */
async function startCommand(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(join(scratch.dir, 'node_modules/.bin/pay-link-server'), [], { cwd: scratch.dir, env: { ...merchantEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout! });
  const listening = new Promise<string>((resolve) => {
    lines.on('line', (line) => {
      // pino's JSON lines; the one that says where it listens carries the URL.
      const entry = (line.startsWith('{') ? JSON.parse(line) : {}) as { msg?: string; url?: string };
      if (entry.msg?.startsWith('pay-link listening')) resolve(entry.url!);
    });
  });
  const exited = once(child, 'exit').then(([code]) => Promise.reject(new Error(`pay-link-server exited (${code}) before listening:\n${stderr}`)));
  exited.catch(() => undefined); // it also exits when a test stops it
  return { child, url: await Promise.race([listening, exited]) };
}

describe('the pay-link-server command, with no configuration', () => {
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    // Nothing but a port and a database file: emulated mode, as `npm start` with an empty environment.
    ({ child, url } = await startCommand({ PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(scratch.dir, 'data/pay-link.sqlite') }));
  });
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it('serves the widget bundle the package ships at /widget.js, with no DIST_DIR set', async () => {
    const response = await fetch(`${url}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(await response.text()).toBe(readFileSync(join(scratch.root, 'dist/widget/widget.js'), 'utf8'));
  });

  it('serves the demo, and makes a link with the built-in emulators', async () => {
    expect((await fetch(`${url}/pos`)).status).toBe(200);
    const response = await fetch(`${url}/api/links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 15000, goodsName: '아메리카노 2잔' }) });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ status: 'active', provider: 'kicc' });
  });

  it('stops on SIGTERM with exit code 0, promptly', async () => {
    const started = performance.now();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

it('the command with DATABASE_URL set but pg not installed stops, saying what to install', async () => {
  const child = spawn(join(scratch.dir, 'node_modules/.bin/pay-link-server'), [], {
    cwd: scratch.dir,
    env: { ...merchantEnv(), PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'postgres://paylink@127.0.0.1:9/paylink' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  expect(code).toBe(1);
  expect(stderr).toContain('DATABASE_URL is set, but the `pg` package is not installed: npm install pg');
});

describe("a merchant's Node server", () => {
  let server: ChildProcess;
  let origin: string;

  beforeAll(async () => {
    server = spawn(process.execPath, ['server.mjs'], { cwd: scratch.dir, env: { ...merchantEnv(), DATABASE_PATH: join(scratch.dir, 'shop.sqlite') }, stdio: ['ignore', 'pipe', 'inherit'] });
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

  it("mounts createPayLink from '@pay-link/server' under /pay-link and makes a link with the built-in emulator", async () => {
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
  beforeAll(() => scratch.linkTools(['@types/node']));

  it('compiles against @pay-link/server and its emulators entry under NodeNext, checking the declarations themselves (no pg types needed)', () => {
    expect(existsSync(join(scratch.dir, 'node_modules/@types/pg'))).toBe(false);
    // skipLibCheck is off: a declaration importing a package the server does not declare fails here.
    expect(() => scratch.run('typescript/bin/tsc', ['-p', '.'])).not.toThrow();
  });

  it("compiles under a bundler's resolution", () => {
    expect(() => scratch.run('typescript/bin/tsc', ['-p', '.', '--module', 'preserve', '--moduleResolution', 'bundler', '--skipLibCheck'])).not.toThrow();
  });
});
