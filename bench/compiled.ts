/**
 * The server and the bare Hono baseline compiled by tsc as @pay-link/server
 * is (packages/server/tsconfig.json: ES modules, NodeNext), into the bench's
 * own folder, for runs with plain `node` as a deployment runs them. The
 * packages' dist/ is left alone; a link to node_modules lets the compiled
 * modules find their packages.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

const TSC = resolve('node_modules/typescript/bin/tsc');

export interface Compiled {
  /** `pay-link-server`: dist/lib/server/bin.js of the package. */
  serverBin: string;
  bareHono: string;
}

/** Compiles once per bench folder: later phases reuse what an earlier one compiled. */
export function compile(dir: string): Compiled {
  const out = join(dir, 'compiled');
  const compiled = { serverBin: join(out, 'lib/server/bin.js'), bareHono: join(out, 'bench/bare-hono.js') };
  if (existsSync(compiled.serverBin) && existsSync(compiled.bareHono)) return compiled;
  const tsc = (...args: string[]) => execFileSync(process.execPath, [TSC, ...args], { stdio: 'inherit' });
  tsc('-p', 'packages/server', '--outDir', join(out, 'lib'), '--declaration', 'false');
  tsc('bench/bare-hono.ts', '--outDir', join(out, 'bench'), '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--skipLibCheck', '--strict');
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  return compiled;
}
