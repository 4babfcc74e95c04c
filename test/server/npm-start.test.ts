/**
 * `npm start` rebuilds the widget only when `dist/` is missing or older than
 * what it is built from, then serves: run for real in a scratch copy of the
 * repository (its sources, the built dist/, the installed node_modules).
 */

import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_INPUTS, BUILD_OUTPUTS, staleBuildReason } from '../../scripts/widget-build-state.mjs';

const REPO = join(import.meta.dirname, '../..');
let root: string;

/** Sets the modification time of `paths` (under `root`) to `seconds` from now. */
const age = (paths: string[], seconds: number) => {
  const at = new Date(Date.now() + seconds * 1000);
  for (const path of paths) utimesSync(join(root, path), at, at);
};
const builtAt = () => statSync(join(root, 'dist/widget/widget.js')).mtimeMs;

/** `npm start` in the copy until it logs where it listens; its stderr, and a stop that ends npm and the server. */
async function npmStart(): Promise<{ url: string; stderr: () => string; stop: () => Promise<void> }> {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    // A process group of its own, so the stop reaches npm's child, the server, too.
    detached: true,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(root, 'pay-link.sqlite') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = (line.startsWith('{') ? JSON.parse(line) : {}) as { msg?: string; url?: string };
      if (entry.msg?.startsWith('pay-link listening')) resolve(entry.url!);
    });
    void exited.then(() => reject(new Error(`npm start exited before listening:\n${stderr}`)));
  }).catch(async (error: Error) => {
    await stop();
    throw error;
  });
  return { url, stderr: () => stderr, stop };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pay-link-start-'));
  for (const path of ['widget', 'core', 'demo', 'server', 'scripts', 'dist', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json']) {
    cpSync(join(REPO, path), join(root, path), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  // Copies are as new as the copy: the sources go back to before the build, as a checkout then a build leaves them.
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((path) => !path.startsWith('node_modules') && statSync(join(root, path)).isFile());
  age(files, -120);
  age(BUILD_OUTPUTS as string[], -30);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('whether the widget build is stale', () => {
  it('is fresh when every output is newer than every input, and names the first input edited since', () => {
    expect(staleBuildReason(root)).toBeNull();
    age(['core/money.ts'], -10);
    expect(staleBuildReason(root)).toBe('core/money.ts is newer than the build');
    age(['core/money.ts'], -120);
    expect(staleBuildReason(root)).toBeNull();
  });

  it('is stale when an output is missing, whatever the times', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'pay-link-start-missing-'));
    try {
      mkdirSync(join(scratch, 'dist/widget'), { recursive: true });
      writeFileSync(join(scratch, 'dist/widget/widget.js'), '');
      expect(staleBuildReason(scratch)).toBe('dist/demo/index.html is missing');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('watches the sources, the build configuration and the installed packages', () => {
    expect(BUILD_INPUTS).toEqual(expect.arrayContaining(['widget', 'core', 'demo', 'vite.config.ts', 'package-lock.json']));
  });
});

describe('npm start', () => {
  it('serves the built widget without building when dist/ is newer than its sources', async () => {
    age(BUILD_OUTPUTS as string[], 5);
    const before = builtAt();
    const server = await npmStart();
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(server.stderr()).not.toContain('Building the widget');
      expect(builtAt()).toBe(before);
    } finally {
      await server.stop();
    }
  });

  it('rebuilds first when a source is newer than dist/, and serves the new build', { timeout: 180_000 }, async () => {
    age(BUILD_OUTPUTS as string[], -60);
    age(['core/money.ts'], -1);
    const before = builtAt();
    const server = await npmStart();
    try {
      expect(server.stderr()).toContain('Building the widget: core/money.ts is newer than the build.');
      expect(builtAt()).toBeGreaterThan(before);
      const widget = await fetch(`${server.url}/widget.js`);
      expect(widget.status).toBe(200);
      expect(await widget.text()).toBe(readFileSync(join(root, 'dist/widget/widget.js'), 'utf8'));
      expect(staleBuildReason(root)).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
