#!/usr/bin/env node
/**
 * `npm start`: builds the widget and the demo pages when `dist/` is missing
 * or older than what they are built from (widget-build-state.mjs), then runs
 * the server from its TypeScript sources in this same process, so signals
 * reach it directly. A fresh clone needs nothing but `npm install`.
 */

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { staleBuildReason } from './widget-build-state.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));

const stale = staleBuildReason(REPO);
if (stale) {
  console.error(`Building the widget: ${stale}.`);
  // stdout stays the server's JSON log lines; the build's progress goes to stderr.
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: REPO, stdio: ['ignore', process.stderr, 'inherit'] });
}

// tsx's hooks (`node --import tsx`), registered before the first TypeScript module is imported.
await import('tsx');
await import('../server/main.ts');
