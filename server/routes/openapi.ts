/** `GET /openapi.json`: the API described, for code generators and API tools on any origin. */

import { Hono } from 'hono';
import type { AppEnv } from '../env.js';

export function openApiRoutes({ publicBaseUrl, providers }: { publicBaseUrl: string; providers: readonly string[] }) {
  // Built once, on the first request: it changes only with the code and the configuration, and
  // converting every schema to JSON Schema is work no other request needs, so start-up skips it.
  let document: Promise<Record<string, unknown>> | undefined;
  const build = async (): Promise<Record<string, unknown>> => (await import('../openapi/document.js')).openApiDocument({ publicBaseUrl, providers });
  return new Hono<AppEnv>().get('/', async (c) => {
    document ??= build().catch((error: unknown) => {
      document = undefined;
      throw error;
    });
    return c.json(await document, 200, { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' });
  });
}
