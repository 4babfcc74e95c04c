/** The build folder behind the static routes: listed once, so names that are not built cost nothing and are never remembered. */

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFiles } from '../../server/routes/built-files.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pay-link-built-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'widget.js'), 'export {};\n');
  writeFileSync(join(dir, 'assets', 'pos-abc123.js'), 'console.log(1);\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('built files', () => {
  it('serves the files the build holds, nested ones by their / path, and reads each once', () => {
    const files = builtFiles(dir);
    expect(files.get('widget.js')?.identity.toString()).toBe('export {};\n');
    expect(files.get('assets/pos-abc123.js')?.identity.toString()).toBe('console.log(1);\n');
    expect(files.get('widget.js')).toBe(files.get('widget.js'));
    expect(files.cached).toBe(2);
  });

  it('refuses 10,000 names that are not built, and remembers none of them', () => {
    const files = builtFiles(dir);
    files.get('widget.js');
    const asked = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? `widget-${randomBytes(8).toString('hex')}.js` : `assets/${randomBytes(8).toString('hex')}.js`));
    expect(asked.map((name) => files.get(name)).filter(Boolean)).toEqual([]);
    expect(files.cached).toBe(1);
  });

  it('never reaches outside the folder, whatever the name', () => {
    const files = builtFiles(join(dir, 'assets'));
    for (const name of ['../widget.js', '/widget.js', 'assets/../../widget.js', './pos-abc123.js', '']) expect(files.get(name)).toBeNull();
    expect(files.get('pos-abc123.js')).not.toBeNull();
  });

  it('serves what was built when the server started: a file added later waits for the restart', () => {
    const files = builtFiles(dir);
    writeFileSync(join(dir, 'widget-late.js'), 'export {};\n');
    expect(files.get('widget-late.js')).toBeNull();
    expect(builtFiles(dir).get('widget-late.js')).not.toBeNull();
  });

  it('serves nothing from a folder that is not there', () => {
    const files = builtFiles(join(dir, 'missing'));
    expect(files.get('widget.js')).toBeNull();
    expect(files.cached).toBe(0);
  });
});
