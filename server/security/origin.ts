/**
 * Which web pages may call the API. CORS tells browsers what they may read;
 * the Origin check refuses state-changing requests from other sites whatever
 * their content type (CORS alone does not stop a simple cross-site POST).
 * Calls without an Origin header come from servers, not browsers, and pass.
 */

import { cors } from 'hono/cors';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function apiCors(allowedOrigins: readonly string[]): MiddlewareHandler {
  return cors({
    origin: (origin) => (allowedOrigins.includes(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['content-type', 'idempotency-key', 'authorization', 'accept-language'],
    exposeHeaders: ['idempotent-replayed', 'location', 'retry-after'],
    maxAge: 600,
  });
}

export function requireAllowedOrigin(allowedOrigins: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!SAFE_METHODS.has(c.req.method) && origin !== undefined && !allowedOrigins.includes(origin)) {
      throw new ApiError(403, 'forbidden_origin');
    }
    await next();
  };
}
