/**
 * A workspace package as a merchant's project gets it: `npm pack -w`'s
 * tarball, installed by `npm install` into an empty project in the temp
 * folder, with the files of test/package/<fixture> beside it. npm resolves
 * and lays out the declared dependencies itself, from the registry (or its
 * cache), so what the project's node_modules holds is what the package pulls.
 *
 * One step is not the merchant's: the server's dependency better-sqlite3 is
 * installed without running its build, which compiles SQLite for minutes on
 * a machine that cannot download its prebuilt binary, and is given the
 * binding this repository compiled for the same version (pinned by
 * `overrides`). What this does not prove: that better-sqlite3 builds on the
 * merchant's machine.
 *
 * The merchant's own tools (tsc, vite, vue-tsc, React's and Vue's types) are
 * this repository's, linked in after the install and its checks.
 */

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface Packed {
  name: string;
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

export interface Scratch {
  dir: string;
  /** `npm pack --json`'s account of the tarball. */
  packed: Packed;
  /** The installed package's folder. */
  root: string;
  /** The install into the empty project: wall time, and what node_modules holds then. */
  install: { seconds: number; bytes: number; packages: string[] };
  /** Links this repo's copies of `names` into the project's node_modules: the merchant's own tools. */
  linkTools(names: string[]): void;
  /** Runs one of this repo's tools (tsc, vite, vue-tsc) as the merchant's own, in the scratch project. */
  run(bin: string, args: string[]): string;
  remove(): void;
}

/** The environment of a merchant's shell: none of the npm run settings or vitest's NODE_ENV that this test runs under. */
export function merchantEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE_ENV'));
}

export function installPacked(workspace: 'element' | 'server', fixture: string): Scratch {
  const manifest = JSON.parse(readFileSync(join(REPO, 'packages', workspace, 'package.json'), 'utf8'));
  if (!existsSync(join(REPO, 'packages', workspace, 'dist/lib'))) {
    throw new Error(`The package test packs the built packages: run \`npm run build\` first (npm test does).`);
  }
  const dir = mkdtempSync(join(tmpdir(), `pay-link-${workspace}-`));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '-w', manifest.name, '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO, encoding: 'utf8', env: merchantEnv() }),
  ) as Packed[];

  const project: Record<string, unknown> = { name: 'shop', private: true, type: 'module' };
  const sqlite = join(REPO, 'node_modules/better-sqlite3');
  const native = workspace === 'server';
  if (native) project.overrides = { 'better-sqlite3': JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8')).version };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(project, null, 2));

  const started = performance.now();
  const npmArgs = ['install', `./${packed!.filename}`, '--no-audit', '--no-fund', '--prefer-offline', ...(native ? ['--ignore-scripts'] : [])];
  execFileSync('npm', npmArgs, { cwd: dir, encoding: 'utf8', env: merchantEnv(), stdio: 'pipe' });
  const seconds = (performance.now() - started) / 1000;
  const install = { seconds, bytes: sizeOf(join(dir, 'node_modules')), packages: installedPackages(join(dir, 'node_modules')) };
  if (native) {
    mkdirSync(join(dir, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
    cpSync(join(sqlite, 'build/Release/better_sqlite3.node'), join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
  }
  cpSync(join(REPO, 'test/package', fixture), dir, { recursive: true });

  return {
    dir,
    packed: packed!,
    root: join(dir, 'node_modules', manifest.name),
    install,
    linkTools(names) {
      for (const name of names) {
        const link = join(dir, 'node_modules', name);
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(join(REPO, 'node_modules', name), link, 'dir');
      }
    },
    run(bin, args) {
      try {
        return execFileSync(process.execPath, [join(REPO, 'node_modules', bin), ...args], { cwd: dir, encoding: 'utf8', env: merchantEnv(), stdio: 'pipe' });
      } catch (error) {
        const { stdout, stderr } = error as { stdout: string; stderr: string };
        throw new Error(`${bin} ${args.join(' ')} failed:\n${stdout}${stderr}`);
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every package folder in node_modules, nested ones included: `lit`, `@lit/reactive-element`, … */
function installedPackages(nodeModules: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.name.startsWith('@')) {
        for (const scoped of readdirSync(path)) visitPackage(join(path, scoped), `${entry.name}/${scoped}`);
      } else visitPackage(path, entry.name);
    }
  };
  const visitPackage = (path: string, name: string) => {
    if (!existsSync(join(path, 'package.json'))) return;
    found.push(name);
    visit(join(path, 'node_modules'));
  };
  visit(nodeModules);
  return found.sort();
}

function sizeOf(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, name) => total + sizeOf(join(path, name)), 0);
}

/** How a tarball's install reads in the test output, for the record. */
export function describeInstall(scratch: Scratch): string {
  const { seconds, bytes, packages } = scratch.install;
  return `${scratch.packed.name}: tarball ${(scratch.packed.size / 1024).toFixed(0)} KB (${(scratch.packed.unpackedSize / 1024).toFixed(0)} KB unpacked); ` +
    `npm install into an empty project: ${packages.length} packages, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${seconds.toFixed(1)} s`;
}

/** `lit/decorators.js` → `lit`, `@hono/node-server/conninfo` → `@hono/node-server`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The packages a tarball's JavaScript imports, statically or dynamically (tsc's output: one import a line). */
export function importedPackages(scratch: Scratch): Set<string> {
  const imported = new Set<string>();
  for (const file of scratch.packed.files.filter((file) => file.path.startsWith('dist/lib/') && file.path.endsWith('.js'))) {
    const source = readFileSync(join(scratch.root, file.path), 'utf8');
    // Static imports and re-exports start a line in tsc's output; doc comments that show imports do not.
    for (const [, ...specifiers] of source.matchAll(/^(?:import|export)\b[^'\n]* from '([^'.][^']*)'|^import '([^'.][^']*)'|\bimport\('([^'.][^']*)'\)/gm)) {
      const name = packageOf(specifiers.find(Boolean)!);
      if (!name.startsWith('node:')) imported.add(name);
    }
  }
  return imported;
}
