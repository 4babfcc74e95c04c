/**
 * The emulators are a separate entry: what `@pay-link/server` points to never
 * imports them, so a merchant's live server holds none of their code. And
 * they read requests with their own code: apart from the demo merchants'
 * configuration, they import nothing of the adapters' reading of the
 * gateways' documents. Imports are found as TypeScript reads them (static,
 * re-exports, type-only and dynamic `import()`); only relative ones are ours.
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const manifestOf = (name: string) => JSON.parse(readFileSync(join(REPO, 'packages', name, 'package.json'), 'utf8')) as { exports: Record<string, { default: string } | string> };

/** The source file a package entry's compiled file comes from: `./dist/lib/server/index.js` → `server/index.ts`. */
function sourceOfEntry(entry: string, packageName = 'server'): string {
  const target = manifestOf(packageName).exports[entry];
  const compiled = typeof target === 'string' ? target : target!.default;
  return compiled.replace(/^\.\/dist\/lib\//, '').replace(/\.js$/, '.ts');
}

/** The repository files `file` imports, by path from the repository root. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(REPO, file), 'utf8'), true, true);
  return importedFiles
    .filter(({ fileName }) => fileName.startsWith('.'))
    .map(({ fileName }) => {
      const target = relative(REPO, resolve(REPO, dirname(file), fileName)).replace(/\.js$/, '.ts');
      if (!existsSync(join(REPO, target))) throw new Error(`${file} imports ${fileName}, which is no file here`);
      return target;
    });
}

/** Every repository file reached from `start` through relative imports. */
function reachable(start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  return seen;
}

const isEmulatorFile = (file: string) => file.startsWith('server/emulators/');

describe('the import graph', () => {
  it('of @pay-link/server (server/index.ts) reaches no emulator file', () => {
    const entry = sourceOfEntry('.');
    expect(entry).toBe('server/index.ts');
    const files = reachable(entry);
    // The walk sees what it should: the server's modules, the store and the adapters among them.
    for (const file of ['server/pay-link.ts', 'server/store/postgres.ts', 'server/providers/kicc/adapter.ts', 'server/providers/paywelcome/signature.ts']) {
      expect(files.has(file), file).toBe(true);
    }
    expect([...files].filter(isEmulatorFile)).toEqual([]);
  });

  it('of @pay-link/server/emulators (server/emulators/index.ts) reaches both emulators', () => {
    const entry = sourceOfEntry('./emulators');
    expect(entry).toBe('server/emulators/index.ts');
    const files = reachable(entry);
    for (const file of ['server/emulators/kicc/checks.ts', 'server/emulators/paywelcome/check.ts', 'server/emulators/paywelcome/signature.ts']) {
      expect(files.has(file), file).toBe(true);
    }
  });

  it('of the emulators: none of their files imports the adapters’ code, only the demo merchants’ configuration', () => {
    const emulatorFiles = [...reachable(sourceOfEntry('./emulators'))].filter(isEmulatorFile);
    expect(emulatorFiles.length).toBeGreaterThan(15);
    const imported = new Set(emulatorFiles.flatMap(importsOf));
    const isConfiguration = (file: string) => /^server\/providers\/[^/]+\/config\.ts$/.test(file);
    const readings = [...imported].filter((file) => (file.startsWith('server/providers/') && !isConfiguration(file)) || file === 'core/providers.ts');
    expect(readings).toEqual([]);
    expect([...imported].filter(isConfiguration).sort()).toEqual(['server/providers/kicc/config.ts', 'server/providers/paywelcome/config.ts']);
  });

  it('of the providers: no provider file imports the store (link types are the links module’s)', () => {
    const providerFiles = [...reachable(sourceOfEntry('.'))].filter((file) => file.startsWith('server/providers/'));
    expect(providerFiles.length).toBeGreaterThan(10);
    const intoStore = providerFiles.flatMap((file) => importsOf(file).filter((target) => target.startsWith('server/store/')).map((target) => `${file} → ${target}`));
    expect(intoStore).toEqual([]);
  });

  it('of @pay-link/element (its two entries) stays within widget/ and core/: nothing of the server', () => {
    for (const entry of ['.', './pay-link-request']) {
      const files = [...reachable(sourceOfEntry(entry, 'element'))];
      expect(files, entry).toContain('widget/pay-link-request.ts');
      expect(files.filter((file) => !file.startsWith('widget/') && !file.startsWith('core/')), entry).toEqual([]);
    }
  });
});
