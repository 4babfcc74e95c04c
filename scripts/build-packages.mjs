#!/usr/bin/env node
/**
 * `npm run build:packages`, after `npm run build:web`: lays out the two
 * publishable packages from the top-level sources, so core/ is compiled into
 * both without a second copy of its source.
 *
 *   packages/element/dist  lib/ (widget + core, tsc), types/ (React, Vue),
 *                          custom-elements.json (cem), widget/ (the script-tag bundle)
 *   packages/server/dist   lib/ (server + core, tsc), widget/ and demo/ (what
 *                          `pay-link-server` serves, as DIST_DIR lays them out)
 */

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const run = (bin, args) => execFileSync(process.execPath, [`node_modules/${bin}`, ...args], { cwd: REPO, stdio: 'inherit' });

for (const built of ['dist/widget/widget.js', 'dist/demo/index.html']) {
  if (!existsSync(`${REPO}/${built}`)) throw new Error(`${built} is missing: run \`npm run build:web\` first (\`npm run build\` does both).`);
}

for (const name of ['element', 'server']) {
  rmSync(`${REPO}/packages/${name}/dist`, { recursive: true, force: true });
  run('typescript/bin/tsc', ['-p', `packages/${name}`]);
}
// After tsc: the manifest and the framework types point at the compiled modules.
run('@custom-elements-manifest/analyzer/cem.js', ['analyze', '--quiet']);

cpSync(`${REPO}/dist/widget`, `${REPO}/packages/element/dist/widget`, { recursive: true });
cpSync(`${REPO}/dist/widget`, `${REPO}/packages/server/dist/widget`, { recursive: true });
cpSync(`${REPO}/dist/demo`, `${REPO}/packages/server/dist/demo`, { recursive: true });
