/**
 * Whether `dist/` (the widget bundle and the demo pages `npm run build:web`
 * makes) is older than anything that build reads, so `npm start` rebuilds only
 * then. By modification time, as make does: a checkout, an edit or an install
 * touches what it changes.
 */

import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What `vite build` and `vite build --mode demo` read: the sources, their config, and the installed packages. */
export const BUILD_INPUTS = ['widget', 'core', 'demo', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'];
/** One file of each build: a build that failed half-way leaves one of them missing or old. */
export const BUILD_OUTPUTS = ['dist/widget/widget.js', 'dist/demo/index.html'];

/** Why the build must run again (a sentence), or `null` when `dist/` is newer than every input. */
export function staleBuildReason(root) {
  let built = Infinity;
  for (const output of BUILD_OUTPUTS) {
    const time = modifiedAt(join(root, output));
    if (time === null) return `${output} is missing`;
    built = Math.min(built, time);
  }
  for (const input of BUILD_INPUTS) {
    const newer = newerFile(join(root, input), built);
    if (newer) return `${relative(root, newer)} is newer than the build`;
  }
  return null;
}

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** The first file at or under `path` modified after `time`; folders are walked, a missing path is skipped. */
function newerFile(path, time) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return null;
  }
  if (!stat.isDirectory()) return stat.mtimeMs > time ? path : null;
  for (const entry of readdirSync(path)) {
    const found = newerFile(join(path, entry), time);
    if (found) return found;
  }
  return null;
}
