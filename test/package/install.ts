/**
 * The package as a merchant's project gets it: `npm pack`'s tarball unpacked
 * into node_modules/pay-link of a scratch project in the temp folder, with
 * merchant.ts, server.mjs and page/ beside it.
 *
 * The dependencies the packed package.json declares are links to this repo's
 * installed copies — `npm install` of the tarball would fetch them and compile
 * better-sqlite3 for minutes — and only those are linked: an import the
 * package does not declare fails, as it would under pnpm. What this does not
 * prove: that the declared ranges resolve on the registry, that better-sqlite3
 * builds on the merchant's machine, or that the dependencies' own dependencies
 * install as npm would lay them out (here they resolve in this repo).
 */

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface Scratch {
  dir: string;
  /** `npm pack --json`'s account of the tarball. */
  packed: { filename: string; size: number; unpackedSize: number; files: { path: string }[] };
  /** Runs one of this repo's tools (tsc, vite) as the merchant's own, in the scratch project. */
  run(bin: string, args: string[]): string;
  remove(): void;
}

/** What a merchant's project has of its own: Node's types, for tsc. */
const MERCHANT_DEV_DEPENDENCIES = ['@types/node'];

export function installPacked(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'pay-link-scratch-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO, encoding: 'utf8' }));
  const target = join(dir, 'node_modules', 'pay-link');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, packed.filename), '-C', target, '--strip-components=1']);

  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
  for (const name of [...Object.keys(manifest.dependencies ?? {}), ...MERCHANT_DEV_DEPENDENCIES]) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', name), link, 'dir');
  }
  cpSync(join(REPO, 'test/package/merchant'), dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));

  return {
    dir,
    packed,
    run(bin, args) {
      // NODE_ENV is vitest's "test" here; a merchant's build runs without it.
      const { NODE_ENV: _test, ...env } = process.env;
      try {
        return execFileSync(process.execPath, [join(REPO, 'node_modules', bin), ...args], { cwd: dir, encoding: 'utf8', env, stdio: 'pipe' });
      } catch (error) {
        const { stdout, stderr } = error as { stdout: string; stderr: string };
        throw new Error(`${bin} ${args.join(' ')} failed:\n${stdout}${stderr}`);
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
