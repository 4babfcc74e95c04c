/**
 * The files of one build folder, listed once when the server starts: only
 * those names are ever served. Any other name is refused without touching
 * the disk and without being remembered, so asking for any number of names
 * that do not exist costs nothing and keeps nothing. A listed file is read on
 * first use and kept: it changes only with a new build, which a restart
 * serves.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A built file as sent: plain, and compressed once on first use (brotli and gzip). */
export interface BuiltFile {
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

export interface BuiltFiles {
  /** The file at `name` (`/`-separated, relative to the folder), or null when the build has none. */
  get(name: string): BuiltFile | null;
  /** Files read and kept so far: never more than the build holds. */
  readonly cached: number;
}

export function builtFiles(dir: string): BuiltFiles {
  const names = new Set(listFiles(dir));
  const cache = new Map<string, BuiltFile>();
  return {
    get(name) {
      if (!names.has(name)) return null;
      let file = cache.get(name);
      if (!file) {
        try {
          file = { identity: readFileSync(join(dir, name)) };
        } catch {
          // Deleted since the server started.
          return null;
        }
        cache.set(name, file);
      }
      return file;
    },
    get cached() {
      return cache.size;
    },
  };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}
