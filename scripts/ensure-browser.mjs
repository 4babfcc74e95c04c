#!/usr/bin/env node
/**
 * The browser tests need Chromium. Use CHROME_PATH when set, else Debian's
 * /usr/bin/chromium; when neither exists, install Debian's package (the test
 * tools never download a browser of their own). Prints the path it found.
 */

import { ensureProgram } from './debian.mjs';

const browser = ensureProgram({ name: 'Chromium', variable: 'CHROME_PATH', path: '/usr/bin/chromium', pkg: 'chromium' });
console.log(`Browser for tests: ${browser}`);
