/** Installing what the tests need from Debian's packages, as root or through sudo. */

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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

/**
 * A program the tests need: the path in `variable` when set (it must exist), else Debian's `path`; when
 * neither exists, Debian's `pkg` is installed (then `afterInstall` runs) or, without the right to, the
 * process stops saying how to provide it. Returns the path.
 */
export function ensureProgram({ name, variable, path, pkg, afterInstall = () => {} }) {
  const find = () => {
    const given = process.env[variable];
    if (given) {
      if (existsSync(given)) return given;
      console.error(`${variable}=${given} does not exist.`);
      process.exit(1);
    }
    return existsSync(path) ? path : undefined;
  };
  const found = find();
  if (found) return found;
  if (!canInstall()) {
    console.error(`${name} is missing. Install it (apt-get install ${pkg}) or set ${variable} to its binary.`);
    process.exit(1);
  }
  console.log(`${name} not found: installing Debian's ${pkg} package…`);
  aptInstall(pkg);
  afterInstall();
  return find();
}
