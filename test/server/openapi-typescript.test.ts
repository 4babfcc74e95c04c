/**
 * A client's types generated from the served /openapi.json by
 * openapi-typescript, as another team would generate them, held to the
 * server's real answers: each answer is written into a TypeScript file as a
 * literal of its documented type and the file is compiled, so a field the
 * document leaves out (an excess property) or mistypes fails the compile.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { startBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
let dir: string;
beforeAll(async () => {
  backend = await startBackend();
  dir = mkdtempSync(join(tmpdir(), 'pay-link-openapi-ts-'));
});
afterAll(async () => {
  await backend?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `export const name: Type = <the answer>;`, on one line (an expected error is on the line below its comment). */
const answer = (name: string, type: string, body: unknown) => `export const ${name}: ${type} = ${JSON.stringify(body)};\n`;
const json = (path: string, method: string, status: number) => `paths['${path}']['${method}']['responses'][${status}]['content']['application/json']`;

/** Compiles `files` on their own, strictly: the compiler's output, empty when they hold. */
async function tsc(files: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const compilerOptions = { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: [] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
  const compile = promisify(execFile)(process.execPath, ['node_modules/typescript/bin/tsc', '-p', dir]);
  return compile.then(() => '').catch((error: { stdout?: string }) => error.stdout ?? String(error));
}

it('types generated from the document accept what the server really answers, and refuse what it would not', async () => {
  const document = await (await backend.get('/openapi.json')).json();
  const generated = astToString(await openapiTS(document));

  const created = await backend.post('/api/links', { amount: 15000, goodsName: '아메리카노 2잔', customer: { name: '김고객', phone: '010-1234-5678' } });
  expect(created.status).toBe(201);
  const link = (await created.json()) as PaymentLink;
  const read = await (await backend.get(`/api/links/${link.id}`)).json();
  // An unreadable answer from the gateway leaves a link `unknown`, for the list to hold.
  expect((await backend.post('/emulator/kicc/_faults', { mode: 'garbage', times: 1 })).status).toBe(200);
  const unknown = await backend.post('/api/links', { amount: 15000, goodsName: 'Tea' });
  expect(unknown.status).toBe(502);
  const list = await (await backend.get('/api/links?status=unknown')).json();
  expect(list.data).toHaveLength(1);
  const cancelled = await (await backend.post(`/api/links/${link.id}/cancel`, {})).json();
  const refused = await backend.post('/api/links', { amount: 1, goodsName: '' });
  expect(refused.status).toBe(400);
  const missing = await backend.get('/api/links/pl_missing');
  expect(missing.status).toBe(404);
  const health = await (await backend.get('/healthz')).json();
  const providers = await (await backend.get('/api/providers')).json();

  const answers =
    `import type { components, paths } from './api.js';\n\n` +
    answer('request', `NonNullable<paths['/api/links']['post']['requestBody']>['content']['application/json']`, { amount: 15000, goodsName: '아메리카노 2잔', customer: { name: '김고객', phone: '010-1234-5678' } }) +
    answer('created', json('/api/links', 'post', 201), link) +
    answer('read', json('/api/links/{id}', 'get', 200), read) +
    answer('list', json('/api/links', 'get', 200), list) +
    answer('cancelled', json('/api/links/{id}/cancel', 'post', 200), cancelled) +
    answer('invalid', json('/api/links', 'post', 400), await refused.json()) +
    answer('unavailable', json('/api/links', 'post', 502), await unknown.json()) +
    answer('notFound', json('/api/links/{id}', 'get', 404), await missing.json()) +
    answer('health', json('/healthz', 'get', 200), health) +
    answer('providers', json('/api/providers', 'get', 200), providers) +
    // The generated types are no `any`: a field they do not name, a string amount and an unknown status fail.
    `// @ts-expect-error a field the document does not name\n` +
    answer('undocumented', json('/api/links', 'post', 201), { ...link, undocumented: true }) +
    `// @ts-expect-error amount is integer won\n` +
    answer('wrongAmount', `components['schemas']['CreateLinkRequest']`, { amount: '15000', goodsName: 'x' }) +
    `// @ts-expect-error no such status\n` +
    answer('wrongStatus', `components['schemas']['PaymentLink']['status']`, 'pending');

  expect(await tsc({ 'api.ts': generated, 'answers.ts': answers })).toBe('');
});
