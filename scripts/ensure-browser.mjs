#!/usr/bin/env node
/**
 * The browser tests need Chromium. Use CHROME_PATH when set, else Debian's
 * /usr/bin/chromium; when neither exists, install Debian's package (the test
 * tools never download a browser of their own). Prints the path it found.
 */

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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
  const root = process.getuid?.() === 0;
  if (!root && !commandExists('sudo')) {
    console.error('Chromium is missing. Install it (apt-get install chromium) or set CHROME_PATH to a Chrome or Chromium binary.');
    process.exit(1);
  }
  const sudo = root ? [] : ['sudo'];
  console.log('Chromium not found: installing Debian\'s chromium package…');
  const run = (args) => execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', 'chromium']);
  browser = findBrowser();
}
console.log(`Browser for tests: ${browser}`);

function commandExists(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
