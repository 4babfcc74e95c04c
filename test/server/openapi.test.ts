/**
 * `GET /openapi.json`: a well-formed OpenAPI 3.1 document that names every
 * route the app serves and no other, whose schemas are the zod schemas the
 * routes use, and that real answers conform to. The type checks at the end
 * run in `npm run typecheck`.
 */

import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { ApiErrorBody, LinkPage, LinkSummary, PaymentLink, StreamTicket } from '../../core/link.js';
import { apiErrorBodySchema } from '../../server/error-schema.js';
import { cancelledLinkSchema, linkPageSchema, linkSummarySchema, paymentLinkSchema, streamTicketSchema } from '../../server/links/response-schemas.js';
import { createLinkSchema } from '../../server/links/schema.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { link as storedLink } from './store-contract/fixtures.js';

interface Operation {
  operationId: string;
  parameters?: { $ref?: string; name?: string; in?: string }[];
  responses: Record<string, { description?: string }>;
}
type PathItem = Record<string, Operation> & { parameters?: Operation['parameters'] };
interface Document {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: unknown[] }>; required?: string[] }>; parameters: Record<string, { name: string; in: string }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Served but not the API: the built-in emulators, the demo pages and the demo's reset. */
const NOT_API = /^\/(emulator\/|assets\/|shop$|pos$|phone$|demo(\/reset)?$|$)/;

let backend: TestBackend;
let document: Document;
beforeAll(async () => {
  backend = await startBackend();
  const response = await backend.get('/openapi.json');
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
});
afterAll(() => backend.dispose());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method]!, item })),
  );

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 for this server’s public address', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'pay-link', version: expect.any(String) });
    expect(document.servers).toEqual([{ url: backend.config.publicBaseUrl }]);
  });

  it('documents every route the app serves, and only those', () => {
    const served = new Set(
      backend.app.routes
        // Middleware, not routes.
        .filter((route) => !route.path.endsWith('*'))
        .flatMap((route) => (route.method === 'ALL' ? ['GET', 'POST'] : [route.method]).map((method) => ({ method, path: route.path })))
        .filter(({ path }) => !NOT_API.test(path))
        .map(({ method, path }) => `${method} ${path.replace(/^\/:file\{widget.*$/, '/widget.js')}`),
    );
    const documented = new Set(operations().map(({ path, method }) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it('resolves every $ref, declares every path parameter, and names each operation once', () => {
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g)!.map((ref) => ref.slice('"$ref":"'.length, -1));
    for (const ref of new Set(refs)) {
      const target = ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
      expect(target, ref).toBeDefined();
    }
    const resolve = (parameter: { $ref?: string; name?: string; in?: string }) =>
      parameter.$ref ? document.components.parameters[parameter.$ref.split('/').at(-1)!]! : parameter;
    for (const { path, method, operation, item } of operations()) {
      const declared = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared.sort(), `${method} ${path}`).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort());
      for (const [status, response] of Object.entries(operation.responses)) expect(response.description, `${method} ${path} ${status}`).toBeTruthy();
    }
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes the request body with the schema POST /api/links validates with', () => {
    const documented = document.components.schemas.CreateLinkRequest!;
    expect(Object.keys(documented.properties!).sort()).toEqual(Object.keys(createLinkSchema.shape).sort());
    expect(documented.required!.sort()).toEqual(['amount', 'goodsName']);
    expect(document.paths['/api/links']!.post!.parameters).toEqual([{ $ref: '#/components/parameters/IdempotencyKey' }]);
  });
});

describe('real answers conform to the documented schemas', () => {
  const exactly = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) => z.strictObject(schema.shape);

  it('a created, a read, a cancelled link, and the list', async () => {
    const created = await backend.post('/api/links', { amount: 15000, goodsName: '아메리카노 2잔', customer: { name: '김고객', phone: '010-1234-5678' }, message: '감사합니다' });
    expect(created.status).toBe(201);
    const link = exactly(paymentLinkSchema).parse(await created.json());
    exactly(paymentLinkSchema).parse(await (await backend.get(`/api/links/${link.id}`)).json());
    const cancelled = await backend.post(`/api/links/${link.id}/cancel`, {});
    exactly(cancelledLinkSchema).parse(await cancelled.json());
    const page = exactly(linkPageSchema).parse(await (await backend.get('/api/links?limit=1')).json());
    expect(page.data.map((listed) => exactly(paymentLinkSchema).parse(listed).id)).toEqual([link.id]);
    exactly(linkSummarySchema).parse(await (await backend.get('/api/summary')).json());
    exactly(streamTicketSchema).parse(await (await backend.post('/api/links/events/ticket', {})).json());
  });

  it('a link that needs attention, which says why', async () => {
    expect(document.components.schemas.PaymentLink!.properties!.attention).toMatchObject({ enum: ['double_payment', 'unknown_outcome', 'refund_unknown'] });
    expect(document.components.schemas.PaymentLink!.required).not.toContain('attention');
    const twice = storedLink({ state: 'paid', url: 'https://pay.example/1', paidAt: Date.now(), paymentRef: 'FIRST', attention: 'double_payment', attentionAt: Date.now() });
    await backend.store.insertLink(twice, { type: 'create_requested', actor: 'api' });
    const read = exactly(paymentLinkSchema).parse(await (await backend.get(`/api/links/${twice.id}`)).json());
    expect(read.attention).toBe('double_payment');
  });

  it('errors, in either language', async () => {
    const refused = await backend.post('/api/links', { amount: 1, goodsName: '' }, { 'accept-language': 'en' });
    expect(refused.status).toBe(400);
    const body = apiErrorBodySchema.parse(await refused.json());
    expect(body.error.fields?.length).toBeGreaterThan(0);
    apiErrorBodySchema.parse(await (await backend.get('/api/links/pl_missing')).json());
  });
});

// Checked by the type checker: the documented shapes are the types the server answers with.
expectTypeOf<z.infer<typeof paymentLinkSchema>>().toEqualTypeOf<PaymentLink>();
expectTypeOf<z.infer<typeof linkPageSchema>>().toEqualTypeOf<LinkPage>();
expectTypeOf<z.infer<typeof linkSummarySchema>>().toEqualTypeOf<LinkSummary>();
expectTypeOf<z.infer<typeof streamTicketSchema>>().toEqualTypeOf<StreamTicket>();
expectTypeOf<z.infer<typeof apiErrorBodySchema>>().toExtend<ApiErrorBody>();
expectTypeOf<keyof z.infer<typeof apiErrorBodySchema>['error']>().toEqualTypeOf<keyof ApiErrorBody['error']>();
