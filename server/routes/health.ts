import { Hono } from 'hono';
import type { AppEnv } from '../env.js';

/** `GET /healthz`: the process is up and serving. */
export const healthRoutes = () => new Hono<AppEnv>().get('/', (c) => c.json({ ok: true }));
