/** `npm start` (and `npx @pay-link/server`, bin.ts): read the environment, start the server, stop cleanly on a signal. */

import { ConfigError, parseConfig } from './config.js';
import type { ExtensionContext, PayLinkExtension } from './pay-link.js';
import { startServer } from './server.js';

async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // The emulators (the `@pay-link/server/emulators` entry) come with `npm start` in emulated mode only, loaded then:
  // a live process never holds their code, and `@pay-link/server` never imports them.
  const extensions: ((context: ExtensionContext) => PayLinkExtension)[] = [];
  if (config.emulatorsMounted) extensions.push((await import('./emulators/index.js')).createEmulators);
  const server = await startServer(config, { extensions }).catch((error: Error) => {
    // An adapter refusing its options names the variable to fix.
    console.error(`pay-link cannot start: ${error.message}`);
    process.exit(1);
  });
  // The configuration in force: with PORT=0 only the server knows its port.
  const { publicBaseUrl, mode } = server.config;
  const providers = server.config.providers.map((provider) => provider.id);
  const database = config.databaseUrl ? 'postgres' : 'sqlite';
  server.logger.info({ url: publicBaseUrl, mode, providers, database }, `pay-link listening on ${publicBaseUrl} (${mode}: ${providers.join(', ')})`);

  const stop = async (signal: string) => {
    server.logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
