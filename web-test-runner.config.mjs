/**
 * The widget's tests in real Chromium (Debian's, never a downloaded one),
 * against the real backend and its provider emulators.
 *
 *   node --import tsx ./node_modules/@web/test-runner/dist/bin.js
 *
 * tsx lets this config load the TypeScript backend; esbuild compiles the
 * tests and the widget with the project's tsconfig (Lit's decorators need it).
 */

import commonjs from '@rollup/plugin-commonjs';
import { fromRollup } from '@web/dev-server-rollup';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { widgetPlugin } from './test/support/widget-plugin.ts';

// WIDGET_TEST_PORT lets two checkouts run the widget tests at once on one machine.
const PORT = Number(process.env.WIDGET_TEST_PORT) || 8765;

export default {
  files: ['test/widget/**/*.test.ts'],
  port: PORT,
  nodeResolve: true,
  // Two cores: one page at a time, and the backend shares them.
  concurrency: 1,
  testFramework: { config: { timeout: 20_000 } },
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        // No calling home: the network is closed here, and tests should not depend on it anyway.
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }),
    // Packages published as CommonJS: the QR encoder, and the test tools that read QR codes, check accessibility and fake clocks.
    // (Served file by file, so every require is taken to be of CommonJS; fake-timers' Node-only requires stay out.)
    fromRollup(commonjs)({
      include: ['**/node_modules/{qrcode,dijkstrajs,jsqr,axe-core,@sinonjs,type-detect}/**'],
      strictRequires: false,
      requireReturnsDefault: true,
      ignore: ['timers', 'timers/promises', 'perf_hooks', 'util'],
    }),
    widgetPlugin({ origins: [`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`] }),
  ],
};
