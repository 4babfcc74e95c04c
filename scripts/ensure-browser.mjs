#!/usr/bin/env node
/**
 * The browser tests need Chromium. Use CHROME_PATH when set, else Debian's
 * /usr/bin/chromium; when neither exists, install Debian's package (the test
 * tools never download a browser of their own). Prints the path it found.
 */

import { existsSync } from 'node:fs';
import { aptInstall, canInstall } from './debian.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function findBrowser() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    console.error(`CHROME_PATH=${process.env.CHROME_PATH} does not exist.`);
    process.exit(1);
  }
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

let browser = findBrowser();
if (!browser) {
  if (!canInstall()) {
    console.error('Chromium is missing. Install it (apt-get install chromium) or set CHROME_PATH to a Chrome or Chromium binary.');
    process.exit(1);
  }
  console.log('Chromium not found: installing Debian\'s chromium package…');
  aptInstall('chromium');
  browser = findBrowser();
}
console.log(`Browser for tests: ${browser}`);
