import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import type { BreakerReport } from '../providers/breaker.js';

const breakerSchema = z.object({
  state: z.enum(['closed', 'open', 'half_open']).describe('`open`: links skip this provider until `probeAt`; `half_open`: the next link probes it'),
  failures: z.int().nonnegative().describe('Consecutive calls that certainly failed because the provider was down'),
  probeAt: z.string().optional().describe('ISO 8601, while open'),
});

export const healthSchema = z
  .object({
    ok: z.literal(true),
    providers: z.record(z.string(), breakerSchema).describe('Each offered provider’s circuit in this instance'),
  })
  .describe('The process is up and serving');

/** `GET /healthz`: the process is up and serving, and how each provider's circuit stands in this instance. */
export const healthRoutes = ({ providers }: { providers: () => Record<string, BreakerReport> }) =>
  new Hono<AppEnv>().get('/', (c) => c.json({ ok: true, providers: providers() } as const satisfies z.infer<typeof healthSchema>));
