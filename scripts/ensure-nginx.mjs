#!/usr/bin/env node
/**
 * The proxy tests put a real nginx in front of pay-link, as README "Deploy"
 * does. Use NGINX when set, else Debian's /usr/sbin/nginx; when neither
 * exists, install Debian's package. The tests run their own nginx with their
 * own configuration on a spare port, so the one the package may start on
 * port 80 is stopped and left off. Prints the path it found.
 */

import { existsSync } from 'node:fs';
import { asRoot, commandExists, ensureProgram } from './debian.mjs';

const DEBIAN_NGINX = '/usr/sbin/nginx';

const nginx = ensureProgram({ name: 'nginx', variable: 'NGINX', path: DEBIAN_NGINX, pkg: 'nginx', afterInstall: stopPackagedService });
console.log(`nginx for tests: ${nginx}`);

/** The package's service, where one was started: stopped now and not started at boot. */
function stopPackagedService() {
  if (existsSync('/run/systemd/system') && commandExists('systemctl')) {
    asRoot(['systemctl', 'disable', '--now', 'nginx']);
  } else if (existsSync('/run/nginx.pid')) {
    asRoot([DEBIAN_NGINX, '-s', 'stop']);
  }
}
