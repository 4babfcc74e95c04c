/** A route's query checked by its zod schema; a refusal is `400 validation_failed` naming each parameter. */

import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import { validationError } from '../errors.js';
import { zodProblems } from '../links/schema.js';

export const validQuery = <T extends z.ZodType>(schema: T) =>
  zValidator('query', schema, (result) => {
    if (!result.success) throw validationError(zodProblems(result.error));
  });
