/** `GET /openapi.json`: the API described, for code generators and API tools on any origin. */

import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { openApiDocument } from '../openapi/document.js';

export function openApiRoutes({ publicBaseUrl, providers }: { publicBaseUrl: string; providers: readonly string[] }) {
  // Built once: it changes only with the code and the configuration.
  const document: Record<string, unknown> = openApiDocument({ publicBaseUrl, providers });
  return new Hono<AppEnv>().get('/', (c) => c.json(document, 200, { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' }));
}
