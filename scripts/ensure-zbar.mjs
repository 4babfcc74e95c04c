#!/usr/bin/env node
/**
 * The QR encoder's test reads every code it draws with ZBar as well as jsQR:
 * two independent decoders. Use ZBARIMG when set, else Debian's
 * /usr/bin/zbarimg; when neither exists, install Debian's zbar-tools.
 * Prints the path it found.
 */

import { existsSync } from 'node:fs';
import { aptInstall, canInstall } from './debian.mjs';

const DEBIAN_ZBARIMG = '/usr/bin/zbarimg';

function findZbarimg() {
  if (process.env.ZBARIMG) {
    if (existsSync(process.env.ZBARIMG)) return process.env.ZBARIMG;
    console.error(`ZBARIMG=${process.env.ZBARIMG} does not exist.`);
    process.exit(1);
  }
  return existsSync(DEBIAN_ZBARIMG) ? DEBIAN_ZBARIMG : undefined;
}

let zbarimg = findZbarimg();
if (!zbarimg) {
  if (!canInstall()) {
    console.error('zbarimg is missing. Install it (apt-get install zbar-tools) or set ZBARIMG to a zbarimg binary.');
    process.exit(1);
  }
  console.log("zbarimg not found: installing Debian's zbar-tools package…");
  aptInstall('zbar-tools');
  zbarimg = findZbarimg();
}
console.log(`zbarimg for tests: ${zbarimg}`);
