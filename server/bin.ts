#!/usr/bin/env node
/**
 * `npx @pay-link/server` (the `pay-link-server` command): `npm start` from the
 * installed package. It reads the environment exactly as `npm start` does and
 * serves the widget bundle and the demo pages the package ships beside its
 * modules, so DIST_DIR need not be set. Stops cleanly on SIGTERM and SIGINT.
 */

import { fileURLToPath } from 'node:url';

// dist/lib/server/bin.js → dist/, which holds widget/ and demo/ (scripts/build-packages.mjs).
process.env.DIST_DIR ??= fileURLToPath(new URL('../..', import.meta.url));
await import('./main.js');
