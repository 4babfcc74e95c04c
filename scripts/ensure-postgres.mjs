#!/usr/bin/env node
/**
 * The server tests run the store against PostgreSQL as well as SQLite. This
 * finds them a database: TEST_DATABASE_URL when set; else the one this script
 * made before, if it still answers; else it makes one on this machine —
 * installing Debian's postgresql when missing, starting its cluster, and
 * creating role `paylink` and database `paylink_test` with password login on
 * 127.0.0.1. The URL goes to node_modules/.cache/pay-link/postgres-url, where
 * test/support/postgres.ts reads it (npm scripts cannot pass environment
 * variables from one command to the next), and is printed without its password.
 */

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { aptInstall, asRoot, canInstall, isRoot } from './debian.mjs';

const URL_FILE = 'node_modules/.cache/pay-link/postgres-url';
const ROLE = 'paylink';
const DATABASE = 'paylink_test';

const fail = (message) => {
  console.error(message);
  process.exit(1);
};

if (process.env.TEST_DATABASE_URL) {
  const problem = await connectionProblem(process.env.TEST_DATABASE_URL);
  if (problem) fail(`TEST_DATABASE_URL does not answer: ${problem}`);
  report(process.env.TEST_DATABASE_URL, 'TEST_DATABASE_URL');
  process.exit(0);
}

const cached = existsSync(URL_FILE) ? readFileSync(URL_FILE, 'utf8').trim() : '';
if (cached && !(await connectionProblem(cached))) {
  report(cached, URL_FILE);
  process.exit(0);
}

if (!canInstall()) {
  fail('PostgreSQL for the tests: none found, and installing one needs root or sudo. Set TEST_DATABASE_URL=postgres://user:password@host:5432/database (the user needs CREATE on it).');
}
if (!serverInstalled()) {
  console.log("PostgreSQL not found: installing Debian's postgresql package…");
  aptInstall('postgresql');
}
const port = startCluster();

// A fresh password each time the database is (re)provisioned: it lives only in the URL file.
const password = randomBytes(18).toString('base64url');
asPostgres(port, [
  `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN CREATE ROLE ${ROLE} LOGIN; END IF; END $$`,
  `ALTER ROLE ${ROLE} PASSWORD '${password}'`,
]);
// CREATE DATABASE cannot run in a DO block; \gexec runs it only when the SELECT returns a row.
asPostgres(port, [`SELECT 'CREATE DATABASE ${DATABASE} OWNER ${ROLE}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${DATABASE}')\\gexec`]);

const url = `postgres://${ROLE}:${password}@127.0.0.1:${port}/${DATABASE}`;
const problem = await connectionProblem(url);
if (problem) fail(`Created ${DATABASE}, but cannot log in to it over 127.0.0.1: ${problem}. Check pg_hba.conf allows password login from 127.0.0.1.`);
mkdirSync(dirname(URL_FILE), { recursive: true });
writeFileSync(URL_FILE, `${url}\n`, { mode: 0o600 });
report(url, URL_FILE);

/** Starts the first cluster (creating one if the package made none); returns its port. */
function startCluster() {
  let clusters = listClusters();
  if (!clusters.length) {
    const version = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0];
    asRoot(['pg_createcluster', version, 'main']);
    clusters = listClusters();
  }
  const cluster = clusters.find((c) => c.status === 'online') ?? clusters[0];
  if (cluster.status !== 'online') {
    console.log(`Starting PostgreSQL ${cluster.version}/${cluster.name} on port ${cluster.port}…`);
    asRoot(['pg_ctlcluster', cluster.version, cluster.name, 'start']);
  }
  return cluster.port;
}

function listClusters() {
  return execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [version, name, port, status] = line.trim().split(/\s+/);
      return { version, name, port: Number(port), status };
    });
}

/** Runs SQL as the cluster's superuser, through its local socket (Debian's peer authentication). */
function asPostgres(port, statements) {
  const psql = ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', 'postgres'];
  const command = isRoot ? ['runuser', '-u', 'postgres', '--', ...psql] : ['sudo', '-u', 'postgres', ...psql];
  execFileSync(command[0], command.slice(1), { input: statements.join(';\n') + '\n', stdio: ['pipe', 'inherit', 'inherit'] });
}

/** Why `url` cannot be used, or undefined when a query succeeds. */
async function connectionProblem(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error.message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function report(url, source) {
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  console.log(`PostgreSQL for tests: ${shown} (from ${source})`);
}

function serverInstalled() {
  return existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/postgres`));
}
