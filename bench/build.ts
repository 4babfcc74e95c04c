/** Builds the widget and the demo from the working tree into `dir`, leaving `dist/` (which others may be serving) alone. */

import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const VITE = resolve('node_modules/vite/bin/vite.js');

/** Returns the dist folder, laid out as `DIST_DIR` expects (`widget/`, `demo/`). */
export function build(dir: string): string {
  const dist = join(dir, 'dist');
  const vite = (...args: string[]) => execFileSync(process.execPath, [VITE, 'build', '--logLevel', 'warn', '--emptyOutDir', ...args], { stdio: 'inherit' });
  vite('--outDir', join(dist, 'widget'));
  vite('--mode', 'demo', '--outDir', join(dist, 'demo'));
  return dist;
}
