import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';

export const healthSchema = z.object({ ok: z.literal(true) }).describe('The process is up and serving');

/** `GET /healthz`: the process is up and serving. */
export const healthRoutes = () => new Hono<AppEnv>().get('/', (c) => c.json({ ok: true } as const satisfies z.infer<typeof healthSchema>));
