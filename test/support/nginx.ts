/**
 * A real nginx (Debian's package; scripts/ensure-nginx.mjs installs it) in
 * front of pay-link, configured with the two blocks README "Deploy" shows,
 * read from README.md itself so the documentation and the test cannot drift:
 * only the upstream addresses are the test's. It runs in the foreground with
 * its own configuration, logs, pid and temp files in a scratch folder, on a
 * spare loopback port, and is killed when the test process exits.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './server-process.js';

const README = new URL('../../README.md', import.meta.url);

export interface Nginx {
  /** nginx's own address, without the prefix. */
  url: string;
  port: number;
  /** What nginx logged at `warn` and above, for a failing test to show. */
  errors(): string;
  stop(): Promise<void>;
}

/** The ```nginx block after `<!-- nginx:<name> -->` in README.md. */
export function readmeNginxBlock(name: 'http' | 'server'): string {
  const readme = readFileSync(README, 'utf8');
  const match = new RegExp(`<!-- nginx:${name} -->\\s*\`\`\`nginx\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match) throw new Error(`README.md has no \`\`\`nginx block after <!-- nginx:${name} -->`);
  return match[1]!;
}

function nginxBinary(): string {
  for (const candidate of [process.env.NGINX, '/usr/sbin/nginx', '/usr/local/sbin/nginx'].filter(Boolean) as string[]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("These tests need nginx: run `node scripts/ensure-nginx.mjs` (npm test does; it installs Debian's nginx), or set NGINX to its path.");
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/**
 * nginx with README's blocks, its upstream servers replaced in order by the
 * instances on `upstreamPorts` (as many as README lists).
 */
export async function startNginx(upstreamPorts: number[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'pay-link-nginx-'));
  const port = await freePort();
  let replaced = 0;
  const http = readmeNginxBlock('http').replace(/^(\s*server\s+)\S+:\d+;/gm, (_, head: string) => `${head}127.0.0.1:${upstreamPorts[replaced++]};`);
  if (replaced !== upstreamPorts.length) throw new Error(`README's upstream lists ${replaced} servers; the test has ${upstreamPorts.length} instances`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${join(dir, kind)};`).join('\n  ');

  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
# One worker: its round-robin takes the instances in turn, request by request.
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
${process.getuid?.() === 0 ? '# Workers of a root master otherwise run as nobody, who cannot enter this folder.\nuser root;' : ''}
events { worker_connections 256; }
http {
  access_log off;
  ${temp}
${http}
  server {
    listen 127.0.0.1:${port};
    # The test's own addition: which instance answered (empty when nginx answered alone).
    add_header X-Upstream $upstream_addr always;
${readmeNginxBlock('server')}
  }
}
`,
  );

  const child = spawn(nginxBinary(), ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errors = () => [stderr, existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''].join('').trim();
  const nginx: Nginx = {
    url: `http://127.0.0.1:${port}`,
    port,
    errors,
    async stop() {
      // TERM is nginx's fast shutdown: open event streams do not hold it up.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000).then(() => child.kill('SIGKILL'))]);
      await exited;
      running.delete(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const log = errors();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx exited with ${child.exitCode}:\n${log}`);
    }
    // Any answer means it listens (nothing is served at its root).
    if (await fetch(nginx.url).then(() => true, () => false)) return nginx;
    await sleep(50);
  }
  await nginx.stop();
  throw new Error('nginx did not start within 10 s');
}
