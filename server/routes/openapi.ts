/** `GET /openapi.json`: the API described, for code generators and API tools on any origin. */

import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { openApiDocument } from '../openapi/document.js';

export function openApiRoutes({ publicBaseUrl }: { publicBaseUrl: string }) {
  // Built once: it changes only with the code and the configuration.
  const document: Record<string, unknown> = openApiDocument({ publicBaseUrl });
  return new Hono<AppEnv>().get('/', (c) => c.json(document, 200, { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' }));
}
