/** Installing what the tests need from Debian's packages, as root or through sudo. */

import { execFileSync } from 'node:child_process';

export const isRoot = process.getuid?.() === 0;

export function commandExists(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether this process may install packages: it is root, or sudo is there to ask. */
export const canInstall = () => isRoot || commandExists('sudo');

/** Runs `args` as root: directly when we are, else through sudo. */
export function asRoot(args) {
  const command = isRoot ? args : ['sudo', ...args];
  execFileSync(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export function aptInstall(...packages) {
  asRoot(['apt-get', 'update', '-qq']);
  asRoot(['apt-get', 'install', '-y', '-qq', ...packages]);
}
