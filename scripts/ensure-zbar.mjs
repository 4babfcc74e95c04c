#!/usr/bin/env node
/**
 * The QR encoder's test reads every code it draws with ZBar as well as jsQR:
 * two independent decoders. Use ZBARIMG when set, else Debian's
 * /usr/bin/zbarimg; when neither exists, install Debian's zbar-tools.
 * Prints the path it found.
 */

import { ensureProgram } from './debian.mjs';

const zbarimg = ensureProgram({ name: 'zbarimg', variable: 'ZBARIMG', path: '/usr/bin/zbarimg', pkg: 'zbar-tools' });
console.log(`zbarimg for tests: ${zbarimg}`);
