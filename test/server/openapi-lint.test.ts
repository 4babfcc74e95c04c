/**
 * The document served at /openapi.json against an independent validator:
 * Redocly's linter, with its recommended rules (redocly.yaml), run as its
 * command as a merchant's tooling would. It runs offline: no usage reports,
 * no update check.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../support/backend.js';

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

const REDOCLY = 'node_modules/@redocly/cli/bin/cli.js';

let backend: TestBackend;
let dir: string;
let document: { paths: Record<string, Record<string, { security?: unknown }>> };
beforeAll(async () => {
  // As a deployment serves it: its public address is no loopback one (which the rules warn of).
  backend = await startBackend({ PUBLIC_BASE_URL: 'https://shop.example/pay-link' });
  document = await (await backend.get('/openapi.json')).json();
  dir = mkdtempSync(join(tmpdir(), 'pay-link-openapi-'));
});
afterAll(async () => {
  await backend?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function lint(served: unknown): Promise<Problem[]> {
  const file = join(dir, `openapi-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(served));
  const run = promisify(execFile)(process.execPath, [REDOCLY, 'lint', file, '--config', 'redocly.yaml', '--format', 'json'], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
  });
  // Problems found make it exit 1, with the report on stdout all the same.
  const { stdout } = await run.catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return (JSON.parse(stdout) as { problems: Problem[] }).problems;
}

const summary = (problems: Problem[]) => problems.map((problem) => `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`);

it('finds no problem in the served document with the recommended rules', async () => {
  expect(summary(await lint(document))).toEqual([]);
});

it('does find one where there is one: an operation that says nothing of who may call it', async () => {
  const broken = structuredClone(document);
  delete broken.paths['/healthz']!.get!.security;
  expect(summary(await lint(broken))).toEqual([expect.stringMatching(/^error security-defined #\/paths\/~1healthz\/get/)]);
});
